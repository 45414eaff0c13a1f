using Platform.Shared.Datasets;

namespace Platform.Shared.Tests.Datasets;

public sealed class DatasetReaderRowTests
{
    [Fact]
    public void Read_EmptyTextOrLabel_DropsRowsWithReasonAndLine()
    {
        var csv = "text,label\n" + TestCsv.Rows(20) + "   ,positive\nno label,\n\"\",negative\nspaces only,  \n";

        var result = TestCsv.Read(csv);
        TestCsv.Accepted(result);

        Assert.Equal(24, result.Report.RowsRead);
        Assert.Equal(20, result.Report.RowsKept);
        Assert.Equal(4, result.Report.RowsDropped);
        Assert.Equal(2, result.Report.DropReasons[DropReasonCodes.EmptyText].Count);
        Assert.Equal([22, 24], result.Report.DropReasons[DropReasonCodes.EmptyText].Lines);
        Assert.Equal([23, 25], result.Report.DropReasons[DropReasonCodes.EmptyLabel].Lines);
    }

    [Fact]
    public void Read_TextAndLabelWithSurroundingSpaces_AreTrimmed()
    {
        var dataset = TestCsv.Accepted(TestCsv.Read("text,label\n" + TestCsv.Rows(20) + "  padded text \t,  positive  \n"));

        Assert.Equal("padded text", dataset.Examples[^1].Text);
        Assert.Same(dataset.Examples[0].Labels[0], dataset.Examples[^1].Labels[0]);
    }

    [Fact]
    public void Read_RowWithUnquotedComma_DropsAsColumnCountMismatch()
    {
        var result = TestCsv.Read("text,label\n" + TestCsv.Rows(20) + "hello, world,positive\nshort\n");

        TestCsv.Accepted(result);
        Assert.Equal([22, 23], result.Report.DropReasons[DropReasonCodes.ColumnCountMismatch].Lines);
    }

    [Fact]
    public void Read_StrayQuoteJoiningLines_DropsTheJoinedRecord()
    {
        var csv = "text,label\n" + TestCsv.Rows(20) + "the 5\" screen,positive\nfine,negative\nthe 7\" one,negative\nafter,positive\n";

        var result = TestCsv.Read(csv);
        var dataset = TestCsv.Accepted(result);

        Assert.Equal([22], result.Report.DropReasons[DropReasonCodes.StrayQuote].Lines);
        Assert.Equal("after", dataset.Examples[^1].Text);
        Assert.Equal(25, dataset.Examples[^1].Line);
    }

    [Fact]
    public void Read_TenMegabyteCell_DropsRowAsFieldTooLargeAndKeepsReading()
    {
        var huge = new string('x', 10 * 1024 * 1024);
        var csv = "text,label\n" + TestCsv.Rows(10) + $"\"{huge}\",positive\n" + TestCsv.Rows(10, start: 10);

        var result = TestCsv.Read(csv);
        var dataset = TestCsv.Accepted(result);

        Assert.Equal(1, result.Report.DropReasons[DropReasonCodes.FieldTooLarge].Count);
        Assert.Equal([12], result.Report.DropReasons[DropReasonCodes.FieldTooLarge].Lines);
        Assert.Equal(20, dataset.Examples.Count);
        Assert.Equal(13, dataset.Examples[10].Line);
        Assert.All(dataset.Examples, e => Assert.True(e.Text.Length < 100));
    }

    [Fact]
    public void Read_MultiLabelColumn_SplitsTrimsDropsEmptiesAndDedupes()
    {
        var csv = "text,labels\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"text {i},{(i % 2 == 0 ? "joy" : "anger")}\n")) +
            "mixed, joy ; anger;;joy ;\nblank,; ;\n";

        var result = TestCsv.Read(csv);
        var dataset = TestCsv.Accepted(result);

        Assert.True(dataset.IsMultiLabel);
        Assert.True(result.Report.IsMultiLabel);
        Assert.Equal(["joy", "anger"], dataset.Examples[^1].Labels);
        Assert.Equal(["anger", "joy"], dataset.Labels);
        Assert.Equal([23], result.Report.DropReasons[DropReasonCodes.EmptyLabel].Lines);
        Assert.Equal(11, result.Report.LabelDistribution["joy"]);
        Assert.Equal(11, result.Report.LabelDistribution["anger"]);
    }

    [Fact]
    public void Read_BothLabelColumnsInAutoMode_UsesSingleLabel()
    {
        var csv = "text,label,labels\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"t{i},{(i % 2 == 0 ? "a" : "b")},x;y\n"));

        var dataset = TestCsv.Accepted(TestCsv.Read(csv));

        Assert.False(dataset.IsMultiLabel);
        Assert.Equal(["a", "b"], dataset.Labels);
    }

    [Fact]
    public void Read_ForcedMultiLabelWithCustomSeparator_SplitsOnIt()
    {
        var options = new DatasetOptions { MultiLabel = true, LabelsColumn = "tags", LabelSeparator = '|' };
        var csv = "text,tags\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"t{i},\"a|b{i % 2}\"\n"));

        var dataset = TestCsv.Accepted(TestCsv.Read(csv, options));

        Assert.Equal(["a", "b0"], dataset.Examples[0].Labels);
        Assert.Equal(["a", "b0", "b1"], dataset.Labels);
    }

    [Fact]
    public void Read_ExactDuplicates_KeepsFirstAndCountsTheRest()
    {
        var csv = "text,label\n" + TestCsv.Rows(20) + "review number 0,positive\n  review   number 0 ,positive\n";

        var result = TestCsv.Read(csv);
        var dataset = TestCsv.Accepted(result);

        Assert.Equal(20, dataset.Examples.Count);
        Assert.Equal(2, result.Report.DuplicateTexts);
        Assert.Equal([22, 23], result.Report.DropReasons[DropReasonCodes.DuplicateText].Lines);
        Assert.Equal(0, result.Report.ConflictingDuplicates);
    }

    [Fact]
    public void Read_SameTextWithDifferentLabels_DropsEveryOccurrence()
    {
        var csv = "text,label\n" + TestCsv.Rows(30) + "review number 0,negative\nreview number 1,positive\nreview number 0,positive\n";

        var result = TestCsv.Read(csv);
        var dataset = TestCsv.Accepted(result);

        Assert.Equal(28, dataset.Examples.Count);
        Assert.DoesNotContain(dataset.Examples, e => e.Text is "review number 0" or "review number 1");
        Assert.Equal(2, result.Report.ConflictingDuplicates);
        Assert.Equal([2, 3, 32, 33, 34], result.Report.DropReasons[DropReasonCodes.ConflictingLabels].Lines);
        Assert.Equal(result.Report.RowsRead, result.Report.RowsKept + result.Report.RowsDropped);
    }

    [Fact]
    public void Read_MultiLabelDuplicateInOtherOrder_IsAnExactDuplicate()
    {
        var csv = "text,labels\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"t{i},{(i % 2 == 0 ? "a" : "b")}\n")) + "t0,a\nboth,a;b\nboth,b;a\n";

        var result = TestCsv.Read(csv);

        Assert.Equal(2, result.Report.DuplicateTexts);
        Assert.Equal(0, result.Report.ConflictingDuplicates);
    }

    [Fact]
    public void Read_ClassBelowThreshold_IsListedAsRareWithWarning()
    {
        var csv = "text,label\n" + TestCsv.Rows(30) + "odd one,neutral\nodd two,neutral\n";

        var result = TestCsv.Read(csv);
        TestCsv.Accepted(result);

        Assert.Equal([new RareClass("neutral", 2)], result.Report.RareClasses);
        Assert.Contains(result.Report.Warnings, w => w.Contains("'neutral': 2"));
        Assert.Equal(["negative", "neutral", "positive"], result.Report.LabelDistribution.Keys);
    }

    [Fact]
    public void Read_WithTokenCounter_ReportsLongTextsWithoutDroppingThem()
    {
        var options = new DatasetOptions { MaxTokens = 3 };
        var csv = "text,label\n" + TestCsv.Rows(20) + "one two three four five,positive\n";

        var result = TestCsv.Read(csv, options, t => t.Split(' ').Length);
        var dataset = TestCsv.Accepted(result);

        Assert.Equal(21, dataset.Examples.Count);
        var longTexts = Assert.IsType<LongTextSummary>(result.Report.TextsLongerThanMaxTokens);
        Assert.Equal(1, longTexts.Count);
        Assert.Equal(5, longTexts.LongestTokens);
        Assert.Equal([22], longTexts.Lines);
        Assert.Contains(result.Report.Warnings, w => w.Contains("longer than 3 tokens"));
    }

    [Fact]
    public void Read_WithoutTokenCounter_LeavesLongTextsUnreported()
    {
        var result = TestCsv.Read("text,label\n" + TestCsv.Rows(20));

        Assert.Null(result.Report.TextsLongerThanMaxTokens);
    }
}

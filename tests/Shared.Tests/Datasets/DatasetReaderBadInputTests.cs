using Platform.Shared.Datasets;
using Platform.Shared.Text;

namespace Platform.Shared.Tests.Datasets;

/// <summary>The uploads in <c>data/bad/</c>: each gets a specific, bounded message or warning.</summary>
public sealed class DatasetReaderBadInputTests
{
    private static DatasetReadResult ReadBad(string name, DatasetOptions? options = null) =>
        DatasetReader.Read(TestCsv.DataPath(Path.Combine("bad", name)), options ?? TestCsv.Options);

    [Fact]
    public void Read_BinaryThatIsValidUtf8_IsRejectedAsNotTextWithTheByteOffset()
    {
        var error = TestCsv.Rejected(ReadBad("binary-control-bytes.csv"));

        Assert.Equal(DatasetErrorCodes.NotText, error.Code);
        Assert.Contains("control characters", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"at byte \d+ on line \d+", error.Message);
    }

    [Fact]
    public void Read_AFewControlCharactersInText_AreNotMistakenForBinary()
    {
        var csv = "text,label\n" + TestCsv.Rows(30) + "a text with a stray \u0001 and \u001b escape,positive\n";

        TestCsv.Accepted(TestCsv.Read(csv));
    }

    [Fact]
    public void Read_HeaderOfThousandsOfQuoteMarks_GetsAShortMessageAndAShortReport()
    {
        var result = ReadBad("quotes-header.csv");
        var error = TestCsv.Rejected(result);

        Assert.Equal(DatasetErrorCodes.MissingColumns, error.Code);
        Assert.True(error.Message.Length <= 400, $"{error.Message.Length} characters: {error.Message}");
        Assert.Contains("characters)", error.Message, StringComparison.Ordinal);
        Assert.All(result.Report.ColumnsFound, c => Assert.True(c.Length <= 100));
        Assert.True(result.Report.ToJson().Length < 4_000);
    }

    [Fact]
    public void Read_SemicolonDelimitedFile_IsReadAndTheReportSaysSo()
    {
        var result = ReadBad("semicolon.csv");

        var dataset = TestCsv.Accepted(result);
        Assert.Equal(40, dataset.Examples.Count);
        Assert.Equal(";", result.Report.Delimiter);
        Assert.Contains(result.Report.Warnings, w => w.Contains("delimited by ';'", StringComparison.Ordinal) && w.Contains("datasetOptions.delimiter", StringComparison.Ordinal));
        Assert.Equal(["negative", "positive"], dataset.Labels);
    }

    [Fact]
    public void Read_TabDelimitedFile_IsRead()
    {
        var result = ReadBad("tab.csv");

        Assert.Equal(40, TestCsv.Accepted(result).Examples.Count);
        Assert.Equal("\t", result.Report.Delimiter);
        Assert.Contains(result.Report.Warnings, w => w.Contains("delimited by tab", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SemicolonFileWithTheDelimiterSetToComma_IsRejectedNamingTheDelimiterAndTheOption()
    {
        var error = TestCsv.Rejected(ReadBad("semicolon.csv", new DatasetOptions { Delimiter = ',' }));

        Assert.Equal(DatasetErrorCodes.MissingColumns, error.Code);
        Assert.Contains("The header holds ';'", error.Message, StringComparison.Ordinal);
        Assert.Contains("datasetOptions.delimiter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CommaFile_KeepsCommasEvenWhenCellsHoldSemicolons()
    {
        var csv = "text,label\n" + TestCsv.Rows(30) + "one; two; three,positive\n";

        var result = TestCsv.Read(csv);

        Assert.Equal(31, TestCsv.Accepted(result).Examples.Count);
        Assert.Equal(",", result.Report.Delimiter);
        Assert.DoesNotContain(result.Report.Warnings, w => w.Contains("delimited", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_QuoteOpenedOnLine2_NamesLine2()
    {
        var result = ReadBad("unclosed-quote-line2.csv");

        var line2 = result.Report.Error?.Line ?? result.Report.DropReasons.Values.SelectMany(d => d.Lines).DefaultIfEmpty(0).Min();
        Assert.Equal(2, line2);
        var text = result.Report.Error?.Message ?? string.Join(" ", result.Report.Warnings);
        Assert.Contains("line 2", text, StringComparison.Ordinal);
        Assert.Contains("gave up at line 202", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MultiLabelCellsJoinedWithPipes_WarnsWithLinesAndTheOption()
    {
        var result = ReadBad("labels-pipes.csv");

        TestCsv.Accepted(result);
        var warning = Assert.Single(result.Report.Warnings, w => w.Contains("contain '|'", StringComparison.Ordinal));
        Assert.Contains("'anger|joy' (line 2)", warning, StringComparison.Ordinal);
        Assert.Contains("labelSeparator to '|'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MultiLabelCellsWithThePipeSeparatorSet_SplitsThemWithoutAWarning()
    {
        var result = ReadBad("labels-pipes.csv", new DatasetOptions { LabelSeparator = '|' });

        var dataset = TestCsv.Accepted(result);
        Assert.Equal(["anger", "fear", "joy", "sadness"], dataset.Labels);
        Assert.DoesNotContain(result.Report.Warnings, w => w.Contains("contain '|'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LabelsDifferingOnlyInCase_StaySeparateWithAWarningListingThem()
    {
        var result = ReadBad("label-case.csv");

        var dataset = TestCsv.Accepted(result);
        Assert.Equal(5, dataset.Labels.Count);
        var warning = Assert.Single(result.Report.Warnings, w => w.Contains("more than one case", StringComparison.Ordinal));
        Assert.Contains("'positive' (line 2), 'Positive' (line 3), 'POSITIVE' (line 4)", warning, StringComparison.Ordinal);
        Assert.Contains("'negative' (line 5), 'Negative' (line 6)", warning, StringComparison.Ordinal);
        Assert.Contains("datasetOptions.foldLabelCase", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LabelsDifferingOnlyInCaseWithFolding_BecomeOneClassEach()
    {
        var result = ReadBad("label-case.csv", new DatasetOptions { FoldLabelCase = true });

        Assert.Equal(["negative", "positive"], TestCsv.Accepted(result).Labels);
        Assert.DoesNotContain(result.Report.Warnings, w => w.Contains("more than one case", StringComparison.Ordinal));
        Assert.Equal(24, result.Report.LabelDistribution["positive"]);
    }

    [Fact]
    public void Read_LabelsWithSurroundingSpaces_AreTrimmed()
    {
        var csv = "text,label\n" + TestCsv.Rows(30) + "one more review,  positive  \n";

        Assert.Equal(["negative", "positive"], TestCsv.Accepted(TestCsv.Read(csv)).Labels);
    }

    [Fact]
    public void Read_ThousandsOfRareLabels_KeepsTheWarningShort()
    {
        var csv = "text,label\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => $"text {i},label{i}\n"));

        var result = TestCsv.Read(csv, new DatasetOptions { MinRows = 2 });

        Assert.All(result.Report.Warnings, w => Assert.True(w.Length <= Bounded.MessageChars, w));
    }
}

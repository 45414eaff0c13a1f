using System.Text;
using Platform.Shared.Datasets;

namespace Platform.Shared.Tests.Datasets;

public sealed class DatasetReaderFormatTests
{
    [Fact]
    public void Read_WithAndWithoutBom_ReadsTheSameExamples()
    {
        var csv = "text,label\n" + TestCsv.Rows(25);
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

        var plain = TestCsv.Accepted(TestCsv.Read(csv));
        var bom = TestCsv.Accepted(TestCsv.Read(withBom));

        Assert.Equal(plain.Examples.Select(e => (e.Text, e.Labels[0], e.Line)), bom.Examples.Select(e => (e.Text, e.Labels[0], e.Line)));
        Assert.Equal("review number 0", bom.Examples[0].Text);
        Assert.Equal(["negative", "positive"], bom.Labels);
    }

    [Fact]
    public void Read_CrLfLineEndings_KeepsNoCarriageReturnsAndCountsLines()
    {
        var dataset = TestCsv.Accepted(TestCsv.Read("text,label\r\n" + TestCsv.Rows(25, "\r\n")));

        Assert.Equal(25, dataset.Examples.Count);
        Assert.All(dataset.Examples, e => Assert.DoesNotContain('\r', e.Text));
        Assert.Equal("positive", dataset.Examples[0].Labels[0]);
        Assert.Equal(26, dataset.Examples[^1].Line);
    }

    [Fact]
    public void Read_QuotedEmbeddedNewlines_KeepsThemAndNumbersLaterRowsByPhysicalLine()
    {
        var csv = "text,label\r\n\"first line\r\nsecond line\",positive\r\n\"a, b and \"\"c\"\"\",negative\r\n\"x\ny\nz\",positive\r\nlast,negative\r\n" + TestCsv.Rows(20, "\r\n");

        var dataset = TestCsv.Accepted(TestCsv.Read(csv));

        Assert.Equal("first line\r\nsecond line", dataset.Examples[0].Text);
        Assert.Equal(2, dataset.Examples[0].Line);
        Assert.Equal("a, b and \"c\"", dataset.Examples[1].Text);
        Assert.Equal(4, dataset.Examples[1].Line);
        Assert.Equal("x\ny\nz", dataset.Examples[2].Text);
        Assert.Equal(5, dataset.Examples[2].Line);
        Assert.Equal(8, dataset.Examples[3].Line);
        Assert.Equal(9, dataset.Examples[4].Line);
    }

    [Fact]
    public void Read_HeaderNamesInOtherCaseWithSpacesAndExtraColumns_FindsColumns()
    {
        var csv = "id, Label ,  TEXT ,source\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i}, {(i % 2 == 0 ? "pos" : "neg")} ,text {i},web\n"));

        var result = TestCsv.Read(csv);
        var dataset = TestCsv.Accepted(result);

        Assert.Equal(["id", "Label", "TEXT", "source"], result.Report.ColumnsFound);
        Assert.Equal("text 0", dataset.Examples[0].Text);
        Assert.Equal(["pos"], dataset.Examples[0].Labels);
        Assert.Equal(["neg", "pos"], dataset.Labels);
    }

    [Fact]
    public void Read_CustomColumnNames_UsesThem()
    {
        var options = new DatasetOptions { TextColumn = "review", LabelColumn = "stars" };
        var csv = "stars,review\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i % 3 + 1},review {i}\n"));

        var dataset = TestCsv.Accepted(TestCsv.Read(csv, options));

        Assert.Equal(["1", "2", "3"], dataset.Labels);
        Assert.Equal("review 0", dataset.Examples[0].Text);
    }

    [Fact]
    public void Read_LeadingBlankLines_FindsHeaderAndWarns()
    {
        var result = TestCsv.Read("\n\ntext,label\n" + TestCsv.Rows(20) + "\n");
        var dataset = TestCsv.Accepted(result);

        Assert.Equal(4, dataset.Examples[0].Line);
        Assert.Contains(result.Report.Warnings, w => w.Contains("3 blank line(s)"));
        Assert.Equal(20, result.Report.RowsRead);
    }

    [Fact]
    public void Read_StreamDeliveringOneByteAtATime_DecodesMultiByteCharacters()
    {
        var csv = "text,label\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"酒店很好 {i} 😀,{(i % 2 == 0 ? "正面" : "负面")}\n"));
        using var stream = new TrickleStream(Encoding.UTF8.GetBytes(csv));

        var dataset = TestCsv.Accepted(DatasetReader.Read(stream, TestCsv.Options));

        Assert.Equal("酒店很好 0 😀", dataset.Examples[0].Text);
        Assert.Equal(["正面", "负面"], dataset.Labels);
    }

    [Fact]
    public void Read_Stream_OnlyReadsItAndLeavesItOpen()
    {
        var bytes = Encoding.UTF8.GetBytes("text,label\n" + TestCsv.Rows(20));
        var copy = bytes.ToArray();
        using var stream = new MemoryStream(bytes, writable: false);

        TestCsv.Accepted(DatasetReader.Read(stream, TestCsv.Options));

        Assert.True(stream.CanRead);
        Assert.Equal(bytes.Length, stream.Position);
        Assert.Equal(copy, bytes);
    }

    [Fact]
    public void Read_FilePath_ReadsTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dataset-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "text,label\n" + TestCsv.Rows(20));
        try
        {
            Assert.Equal(20, TestCsv.Accepted(DatasetReader.Read(path, TestCsv.Options)).Examples.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Returns one byte per read, as a slow network stream may.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}

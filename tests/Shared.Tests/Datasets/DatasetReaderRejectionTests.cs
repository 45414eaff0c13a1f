using System.Text;
using Platform.Shared.Datasets;

namespace Platform.Shared.Tests.Datasets;

public sealed class DatasetReaderRejectionTests
{
    [Fact]
    public void Read_ZeroBytes_RejectsAsEmptyFile()
    {
        var error = TestCsv.Rejected(TestCsv.Read([]));

        Assert.Equal(DatasetErrorCodes.EmptyFile, error.Code);
        Assert.Contains("is empty (0 bytes)", error.Message);
        Assert.Null(error.Line);
    }

    [Fact]
    public void Read_OnlyWhitespace_RejectsAsEmptyFile()
    {
        var error = TestCsv.Rejected(TestCsv.Read("  \r\n\t\n \n"));

        Assert.Equal(DatasetErrorCodes.EmptyFile, error.Code);
        Assert.Contains("only whitespace", error.Message);
    }

    [Fact]
    public void Read_OnlyBom_RejectsAsEmptyFile()
    {
        var error = TestCsv.Rejected(TestCsv.Read([0xEF, 0xBB, 0xBF]));

        Assert.Equal(DatasetErrorCodes.EmptyFile, error.Code);
        Assert.Contains("only a UTF-8 byte order mark", error.Message);
    }

    [Fact]
    public void Read_HeaderWithoutRows_RejectsWithHeaderLine()
    {
        var error = TestCsv.Rejected(TestCsv.Read("text,label\r\n\r\n"));

        Assert.Equal(DatasetErrorCodes.NoDataRows, error.Code);
        Assert.Equal(1, error.Line);
        Assert.Contains("header on line 1 (text, label) but no data rows", error.Message);
    }

    [Fact]
    public void Read_MissingTextColumn_NamesItAndListsColumnsFound()
    {
        var result = TestCsv.Read("sentence,label,id\nhello,positive,1\n");
        var error = TestCsv.Rejected(result);

        Assert.Equal(DatasetErrorCodes.MissingColumns, error.Code);
        Assert.Equal(1, error.Line);
        Assert.Contains("Missing column 'text'", error.Message);
        Assert.Contains("Columns found: 'sentence', 'label', 'id'", error.Message);
        Assert.Equal(["sentence", "label", "id"], result.Report.ColumnsFound);
    }

    [Fact]
    public void Read_MissingLabelColumnInAutoMode_NamesBothAcceptedNames()
    {
        var error = TestCsv.Rejected(TestCsv.Read("text,category\nhello,a\n"));

        Assert.Equal(DatasetErrorCodes.MissingColumns, error.Code);
        Assert.Contains("Missing column 'label' or 'labels'", error.Message);
        Assert.Contains("Columns found: 'text', 'category'", error.Message);
    }

    [Fact]
    public void Read_BothColumnsMissing_NamesBoth()
    {
        var error = TestCsv.Rejected(TestCsv.Read("a,b\n1,2\n", new DatasetOptions { MultiLabel = false }));

        Assert.Contains("Missing columns 'text' and 'label'", error.Message);
    }

    [Fact]
    public void Read_SingleClass_NamesTheClass()
    {
        var csv = "text,label\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"text {i},spam\n"));

        var error = TestCsv.Rejected(TestCsv.Read(csv));

        Assert.Equal(DatasetErrorCodes.SingleClass, error.Code);
        Assert.Contains("All 30 usable rows have the single label 'spam'", error.Message);
    }

    [Fact]
    public void Read_TooFewRows_SaysKeptMinimumAndHowToChange()
    {
        var csv = "text,label\n" + TestCsv.Rows(12) + ",positive\n,negative\n";

        var result = TestCsv.Read(csv);
        var error = TestCsv.Rejected(result);

        Assert.Equal(DatasetErrorCodes.TooFewRows, error.Code);
        Assert.Contains("Only 12 usable row(s) remain of 14 read (2 dropped: empty_text: 2); at least 20 are required", error.Message);
        Assert.Contains("DatasetOptions.MinRows", error.Message);
        Assert.Equal(12, result.Report.RowsKept);
        Assert.Equal([14, 15], result.Report.DropReasons[DropReasonCodes.EmptyText].Lines);
    }

    [Fact]
    public void Read_TooFewRowsWithLowerMinimum_Accepts()
    {
        var result = TestCsv.Read("text,label\n" + TestCsv.Rows(12), new DatasetOptions { MinRows = 10 });

        Assert.Equal(12, TestCsv.Accepted(result).Examples.Count);
    }

    [Fact]
    public void Read_NulByte_RejectsAsNotTextWithLine()
    {
        var csv = "text,label\n" + TestCsv.Rows(3) + "bad\0row,positive\n" + TestCsv.Rows(30, start: 3);

        var error = TestCsv.Rejected(TestCsv.Read(csv));

        Assert.Equal(DatasetErrorCodes.NotText, error.Code);
        Assert.Equal(5, error.Line);
        Assert.Contains("Line 5 contains a NUL character", error.Message);
    }

    [Fact]
    public void Read_InvalidUtf8_RejectsAsNotTextWithLineAndByte()
    {
        var head = Encoding.UTF8.GetBytes("text,label\n" + TestCsv.Rows(6) + "caf");
        byte[] latin1 = [0xE9, (byte)',', (byte)'p', (byte)'\n'];
        var tail = Encoding.UTF8.GetBytes(TestCsv.Rows(30, start: 6));

        var error = TestCsv.Rejected(TestCsv.Read([.. head, .. latin1, .. tail]));

        Assert.Equal(DatasetErrorCodes.NotText, error.Code);
        Assert.Equal(8, error.Line);
        Assert.Contains($"Line 8 contains bytes that are not valid UTF-8 (0xE9 at byte {head.Length})", error.Message);
        Assert.Contains("Windows-1252", error.Message);
    }

    [Fact]
    public void Read_InvalidUtf8BeyondFirstBuffer_ReportsTheRightLine()
    {
        var rows = TestCsv.Rows(10_000);
        var head = Encoding.UTF8.GetBytes("text,label\n" + rows);
        byte[] bad = [0xC3, 0x28, (byte)',', (byte)'p', (byte)'\n'];

        var error = TestCsv.Rejected(TestCsv.Read([.. head, .. bad]));

        Assert.Equal(DatasetErrorCodes.NotText, error.Code);
        Assert.Equal(10_002, error.Line);
    }

    [Fact]
    public void Read_TruncatedUtf8AtEndOfFile_RejectsAsNotText()
    {
        var head = Encoding.UTF8.GetBytes("text,label\n" + TestCsv.Rows(30) + "tail,");

        var error = TestCsv.Rejected(TestCsv.Read([.. head, 0xE4, 0xB8]));

        Assert.Equal(DatasetErrorCodes.NotText, error.Code);
        Assert.Equal(32, error.Line);
    }

    [Fact]
    public void Read_Utf16File_RejectsAndSaysToSaveAsUtf8()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("text,label\nhi,positive\n")).ToArray();

        var error = TestCsv.Rejected(TestCsv.Read(utf16));

        Assert.Equal(DatasetErrorCodes.NotText, error.Code);
        Assert.Equal(1, error.Line);
        Assert.Contains("UTF-16", error.Message);
    }

    [Fact]
    public void Read_PngImage_RejectsAsNotTextOnLineOne()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

        var error = TestCsv.Rejected(TestCsv.Read(png));

        Assert.Equal(DatasetErrorCodes.NotText, error.Code);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Read_QuoteNeverClosed_RejectsWithLineWhereTheFieldStarts()
    {
        var csv = "text,label\n" + TestCsv.Rows(5) + "\"an opened quote,positive\n" + TestCsv.Rows(30, start: 5);

        var error = TestCsv.Rejected(TestCsv.Read(csv));

        Assert.Equal(DatasetErrorCodes.UnbalancedQuotes, error.Code);
        Assert.Equal(7, error.Line);
        Assert.Contains("starting on line 7 is never closed", error.Message);
    }

    [Fact]
    public void Read_QuoteNeverClosedAfterMultilineRecord_CountsLinesInsideTheRecord()
    {
        var csv = "text,label\n\"two\nlines\",positive\nok,negative\nx,\"unclosed\nlabel\n" + TestCsv.Rows(30);

        var error = TestCsv.Rejected(TestCsv.Read(csv));

        Assert.Equal(DatasetErrorCodes.UnbalancedQuotes, error.Code);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Read_HugeFileWithoutLineBreaks_RejectsInsteadOfBufferingIt()
    {
        var csv = "text,label\n" + TestCsv.Rows(3) + new string('x', 20_000_000);

        var error = TestCsv.Rejected(TestCsv.Read(csv));

        Assert.Equal(DatasetErrorCodes.RecordTooLarge, error.Code);
        Assert.Equal(5, error.Line);
        Assert.Contains("record starting at line 5", error.Message);
    }
}

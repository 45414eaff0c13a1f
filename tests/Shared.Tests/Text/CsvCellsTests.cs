using Platform.Shared.Text;

namespace Platform.Shared.Tests.Text;

public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("@SUM(1+1)", "'@SUM(1+1)")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    public void Escape_CellsASpreadsheetWouldRun_GetALeadingApostrophe(string value, string expected) =>
        Assert.Equal(expected, CsvCells.Escape(value));

    [Theory]
    [InlineData("positive", "positive")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("x=1", "x=1")]
    [InlineData("", "")]
    public void Escape_OrdinaryCells_AreQuotedOnlyWhenNeeded(string value, string expected) =>
        Assert.Equal(expected, CsvCells.Escape(value));

    [Theory]
    [InlineData("-5", "-5")]
    [InlineData("=SUM(A1)", "=SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    public void Quote_CarriedCells_AreOnlyQuotedWhereNeeded(string value, string expected) =>
        Assert.Equal(expected, CsvCells.Quote(value));
}

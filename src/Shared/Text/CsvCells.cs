namespace Platform.Shared.Text;

/// <summary>
/// Cells of the CSV files the platform writes. A cell a spreadsheet would read as a formula (it starts with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) gets a leading apostrophe, so labels taken from an upload
/// such as <c>=HYPERLINK(…)</c> are shown, not run; a cell with a comma, quote or line break is quoted (RFC 4180).
/// </summary>
public static class CsvCells
{
    public static string Escape(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return Quote(value);
    }

    /// <summary>
    /// RFC 4180 quoting only, the value otherwise as it is: for cells carried through from a user's own upload (batch
    /// scoring's input columns), which must come back as they went in (a <c>-5</c> stays a number).
    /// </summary>
    public static string Quote(string? value)
    {
        value ??= "";
        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

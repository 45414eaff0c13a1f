namespace Platform.Shared.Datasets;

/// <summary>Stable codes of row-level drop reasons in <see cref="ValidationReport.DropReasons"/>.</summary>
public static class DropReasonCodes
{
    public const string EmptyText = "empty_text";
    public const string EmptyLabel = "empty_label";
    public const string FieldTooLarge = "field_too_large";
    public const string ColumnCountMismatch = "column_count_mismatch";
    public const string StrayQuote = "stray_quote";
    public const string DuplicateText = "duplicate_text";
    public const string ConflictingLabels = "conflicting_labels";

    /// <summary>What a person can do about each reason; shown by <see cref="ValidationReport.ToText"/>.</summary>
    public static string Hint(string code) => code switch
    {
        EmptyText => "the text cell is empty",
        EmptyLabel => "the label cell is empty",
        FieldTooLarge => "a cell is longer than DatasetOptions.MaxFieldChars",
        ColumnCountMismatch => "the row has a different number of cells than the header; quote cells that contain commas",
        StrayQuote => "a quote inside an unquoted cell joined several lines into one record; double it (\"\") and quote the cell",
        DuplicateText => "the same text with the same labels appeared earlier; the first occurrence is kept",
        ConflictingLabels => "the same text appears with different labels; all its occurrences are dropped",
        _ => code,
    };
}

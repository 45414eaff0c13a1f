namespace Platform.Shared.Datasets;

/// <summary>Stable codes of <see cref="DatasetError"/>; clients may switch on them.</summary>
public static class DatasetErrorCodes
{
    public const string EmptyFile = "empty_file";
    public const string NoDataRows = "no_data_rows";
    public const string MissingColumns = "missing_columns";
    public const string SingleClass = "single_class";
    public const string TooFewRows = "too_few_rows";
    public const string NotText = "not_text";
    public const string UnbalancedQuotes = "unbalanced_quotes";
    public const string RecordTooLarge = "record_too_large";
}

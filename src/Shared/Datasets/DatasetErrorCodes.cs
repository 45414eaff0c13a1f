namespace Platform.Shared.Datasets;

/// <summary>Stable codes of <see cref="DatasetError"/>; clients may switch on them.</summary>
public static class DatasetErrorCodes
{
    public const string EmptyFile = "empty_file";
    public const string NoDataRows = "no_data_rows";
    public const string MissingColumns = "missing_columns";
    public const string SingleClass = "single_class";
    public const string TooFewRows = "too_few_rows";

    /// <summary>Enough rows were read, but too few per class to give the validation or test split any (the runner could not train).</summary>
    public const string TooFewRowsToSplit = "too_few_rows_to_split";
    public const string NotText = "not_text";
    public const string UnbalancedQuotes = "unbalanced_quotes";
    public const string RecordTooLarge = "record_too_large";
}

using System.Text.Json;

namespace Platform.Shared.Datasets;

/// <summary>What <see cref="DatasetReader"/> found in an upload: counts, drop reasons with line numbers, label distribution, warnings and the rejection, if any.</summary>
public sealed record ValidationReport
{
    /// <summary>Data records read (header and blank lines excluded); equals <see cref="RowsKept"/> + <see cref="RowsDropped"/>.</summary>
    public int RowsRead { get; init; }

    public int RowsKept { get; init; }

    public int RowsDropped { get; init; }

    /// <summary>Reason code (see <see cref="DropReasonCodes"/>) to count and the first few line numbers.</summary>
    public IReadOnlyDictionary<string, DropReasonSummary> DropReasons { get; init; } = new Dictionary<string, DropReasonSummary>();

    /// <summary>Label to number of kept examples carrying it, sorted ordinal.</summary>
    public IReadOnlyDictionary<string, int> LabelDistribution { get; init; } = new Dictionary<string, int>();

    /// <summary>Rows dropped because the same text with the same labels appeared earlier.</summary>
    public int DuplicateTexts { get; init; }

    /// <summary>Distinct texts that appeared with different labels; every occurrence is dropped as <c>conflicting_labels</c>.</summary>
    public int ConflictingDuplicates { get; init; }

    /// <summary>Only when a token counter was given.</summary>
    public LongTextSummary? TextsLongerThanMaxTokens { get; init; }

    /// <summary>The training split through the base model's vocabulary, and what extending it changed (when a tokenizer was at hand).</summary>
    public UnknownTokenSummary? UnknownTokens { get; init; }

    public IReadOnlyList<RareClass> RareClasses { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Set when the dataset was rejected.</summary>
    public DatasetError? Error { get; init; }

    public bool IsMultiLabel { get; init; }

    /// <summary>The field delimiter the file was read with (<c>,</c> unless set or detected otherwise).</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>Header names as found (trimmed), in file order: at most the first 50, each cut to 100 characters.</summary>
    public IReadOnlyList<string> ColumnsFound { get; init; } = [];

    /// <summary>camelCase JSON, indented.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, DatasetJsonContext.Default.ValidationReport);

    public static ValidationReport FromJson(string json) =>
        JsonSerializer.Deserialize(json, DatasetJsonContext.Default.ValidationReport)
        ?? throw new JsonException("The JSON is null, not a validation report.");

    /// <summary>A human-readable multi-line summary for a CLI.</summary>
    public string ToText() => ValidationReportText.Format(this);
}

using Platform.Shared.Training;

namespace Platform.Shared.Datasets;

/// <summary>
/// The allowed values of every dataset option, in one place beside <see cref="TrainingOptionRules"/>: the API (requests,
/// sibling <c>.options.json</c> files and configured defaults), the trainer and the runner CLI all check these.
/// </summary>
public static class DatasetOptionRules
{
    public const int MinMinRows = 2;
    public const int MinMaxTokens = 8;
    public const int MaxMaxTokens = 512;

    /// <summary>Every rule <paramref name="options"/> breaks, in the order of its properties; empty when it is valid.</summary>
    public static IReadOnlyList<OptionProblem> Check(DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new OptionProblems();
        var o = options;
        problems.Require(!string.IsNullOrWhiteSpace(o.TextColumn), nameof(o.TextColumn), $"textColumn must name a column.");
        problems.Require(!string.IsNullOrWhiteSpace(o.LabelColumn), nameof(o.LabelColumn), $"labelColumn must name a column.");
        problems.Require(!string.IsNullOrWhiteSpace(o.LabelsColumn), nameof(o.LabelsColumn), $"labelsColumn must name a column.");
        problems.Require(!char.IsWhiteSpace(o.LabelSeparator) && o.LabelSeparator is not '"' and not '\0', nameof(o.LabelSeparator),
            $"labelSeparator must be a visible character other than a double quote, e.g. ';'.");
        problems.Require(o.Delimiter is null || Array.IndexOf(DelimiterDetector.Supported, o.Delimiter.Value) >= 0, nameof(o.Delimiter),
            $"delimiter must be one of ',', ';', '|' or a tab ('\\t'), or left out to detect it from the header.");
        problems.Require(o.Delimiter is null || o.Delimiter != o.LabelSeparator, nameof(o.Delimiter),
            $"delimiter must differ from labelSeparator ('{o.LabelSeparator}'); set labelSeparator to another character, e.g. '|'.");
        problems.Require(o.MinRows >= MinMinRows, nameof(o.MinRows), $"minRows must be at least {MinMinRows} (got {o.MinRows}).");
        problems.Require(o.RareClassThreshold >= 0, nameof(o.RareClassThreshold), $"rareClassThreshold must be 0 or more (got {o.RareClassThreshold}).");
        problems.Require(o.MaxTokens is >= MinMaxTokens and <= MaxMaxTokens, nameof(o.MaxTokens), $"maxTokens must be between {MinMaxTokens} and {MaxMaxTokens} (got {o.MaxTokens}).");
        problems.Require(o.MaxFieldChars >= 1, nameof(o.MaxFieldChars), $"maxFieldChars must be at least 1 (got {o.MaxFieldChars}).");
        return problems.ToList();
    }
}

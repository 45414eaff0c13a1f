using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Range checks on options received over HTTP or configured as defaults, by field; training options follow <see cref="TrainingOptionRules"/>.</summary>
internal static class OptionRules
{
    public static void Check(TrainingOptions training, ValidationErrors errors)
    {
        foreach (var problem in TrainingOptionRules.Check(training))
        {
            errors.Add("training." + problem.Option, problem.Message);
        }
    }

    public static void Check(DatasetOptions dataset, ValidationErrors errors)
    {
        Require(!string.IsNullOrWhiteSpace(dataset.TextColumn), "datasetOptions.textColumn", "textColumn must name a column.", errors);
        Require(!string.IsNullOrWhiteSpace(dataset.LabelColumn), "datasetOptions.labelColumn", "labelColumn must name a column.", errors);
        Require(!string.IsNullOrWhiteSpace(dataset.LabelsColumn), "datasetOptions.labelsColumn", "labelsColumn must name a column.", errors);
        Require(!char.IsWhiteSpace(dataset.LabelSeparator) && dataset.LabelSeparator is not '"' and not '\0', "datasetOptions.labelSeparator",
            "labelSeparator must be a visible character other than a double quote, e.g. ';'.", errors);
        Require(dataset.MinRows >= 2, "datasetOptions.minRows", $"minRows must be at least 2 (got {dataset.MinRows}).", errors);
        Require(dataset.RareClassThreshold >= 0, "datasetOptions.rareClassThreshold", $"rareClassThreshold must be 0 or more (got {dataset.RareClassThreshold}).", errors);
        Require(dataset.MaxTokens is >= 8 and <= 512, "datasetOptions.maxTokens", $"maxTokens must be between 8 and 512 (got {dataset.MaxTokens}).", errors);
        Require(dataset.MaxFieldChars >= 1, "datasetOptions.maxFieldChars", $"maxFieldChars must be at least 1 (got {dataset.MaxFieldChars}).", errors);
    }

    private static void Require(bool condition, string field, string message, ValidationErrors errors)
    {
        if (!condition)
        {
            errors.Add(field, message);
        }
    }
}

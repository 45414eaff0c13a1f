using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline.Handlers;

/// <summary>Range checks on options received over HTTP, beyond what <see cref="TrainingOptions.Validate"/> covers.</summary>
internal static class OptionRules
{
    public static void Check(TrainingOptions training, ValidationErrors errors)
    {
        foreach (var problem in training.Validate())
        {
            errors.Add("training", char.ToUpperInvariant(problem[0]) + problem[1..]);
        }

        Require(training.Epochs <= 100, "training.epochs", $"epochs must be at most 100 (got {training.Epochs}).", errors);
        Require(training.BatchSize <= 1024, "training.batchSize", $"batchSize must be at most 1024 (got {training.BatchSize}).", errors);
        Require(training.WeightDecay >= 0, "training.weightDecay", $"weightDecay must be 0 or more (got {training.WeightDecay}).", errors);
        Require(training.MaxGradNorm > 0, "training.maxGradNorm", $"maxGradNorm must be more than 0 (got {training.MaxGradNorm}).", errors);
        Require(training.EvaluateEverySteps >= 0, "training.evaluateEverySteps", $"evaluateEverySteps must be 0 (each epoch) or more (got {training.EvaluateEverySteps}).", errors);
        Require(training.EarlyStoppingPatience >= 0, "training.earlyStoppingPatience", $"earlyStoppingPatience must be 0 (never stop early) or more (got {training.EarlyStoppingPatience}).", errors);
        Require(training.CheckpointEverySteps >= 0, "training.checkpointEverySteps", $"checkpointEverySteps must be 0 or more (got {training.CheckpointEverySteps}).", errors);
        Require(training.MaxSteps >= 0, "training.maxSteps", $"maxSteps must be 0 (no limit) or more (got {training.MaxSteps}).", errors);
        Require(training.LengthGroupingFactor >= 1, "training.lengthGroupingFactor", $"lengthGroupingFactor must be at least 1 (got {training.LengthGroupingFactor}).", errors);
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

using System.Globalization;
using System.Text.Json;

namespace Platform.Shared.Training;

/// <summary>
/// The allowed values of every training option, in one place: the API (requests and configured defaults), the trainer
/// and the runner CLI all check these, so whatever one accepts the others accept too.
/// </summary>
public static class TrainingOptionRules
{
    public const int MaxEpochs = 100;
    public const int MaxBatchSize = 1024;
    public const int MinMaxLength = 8;
    public const int MaxMaxLength = 512;

    /// <summary>Every rule <paramref name="options"/> breaks, in the order of its properties; empty when it is valid.</summary>
    public static IReadOnlyList<OptionProblem> Check(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<OptionProblem>();
        void Require(bool condition, string property, FormattableString message)
        {
            if (!condition)
            {
                problems.Add(new OptionProblem(JsonNamingPolicy.CamelCase.ConvertName(property), message.ToString(CultureInfo.InvariantCulture)));
            }
        }

        var o = options;
        Require(o.Epochs >= 1, nameof(o.Epochs), $"epochs must be at least 1 (got {o.Epochs}).");
        Require(o.Epochs <= MaxEpochs, nameof(o.Epochs), $"epochs must be at most {MaxEpochs} (got {o.Epochs}).");
        // Written so that NaN fails too.
        Require(o.LearningRate > 0 && o.LearningRate <= 1, nameof(o.LearningRate), $"learningRate must be in (0, 1] (got {o.LearningRate}).");
        Require(o.BatchSize >= 1, nameof(o.BatchSize), $"batchSize must be at least 1 (got {o.BatchSize}).");
        Require(o.BatchSize <= MaxBatchSize, nameof(o.BatchSize), $"batchSize must be at most {MaxBatchSize} (got {o.BatchSize}).");
        Require(o.MaxLength is >= MinMaxLength and <= MaxMaxLength, nameof(o.MaxLength), $"maxLength must be between {MinMaxLength} and {MaxMaxLength} (got {o.MaxLength}).");
        Require(o.WarmupRatio >= 0 && o.WarmupRatio < 1, nameof(o.WarmupRatio), $"warmupRatio must be in [0, 1) (got {o.WarmupRatio}).");
        Require(o.WeightDecay >= 0, nameof(o.WeightDecay), $"weightDecay must be 0 or more (got {o.WeightDecay}).");
        Require(o.MaxGradNorm > 0, nameof(o.MaxGradNorm), $"maxGradNorm must be more than 0 (got {o.MaxGradNorm}).");
        Require(o.GradientAccumulationSteps >= 1, nameof(o.GradientAccumulationSteps), $"gradientAccumulationSteps must be at least 1 (got {o.GradientAccumulationSteps}).");
        Require(Enum.IsDefined(o.ClassWeighting), nameof(o.ClassWeighting), $"classWeighting must be none or balanced (got {o.ClassWeighting}).");
        Require(o.EvaluateEverySteps >= 0, nameof(o.EvaluateEverySteps), $"evaluateEverySteps must be 0 (each epoch) or more (got {o.EvaluateEverySteps}).");
        Require(o.EarlyStoppingPatience >= 0, nameof(o.EarlyStoppingPatience), $"earlyStoppingPatience must be 0 (never stop early) or more (got {o.EarlyStoppingPatience}).");
        Require(o.CheckpointEverySteps >= 0, nameof(o.CheckpointEverySteps), $"checkpointEverySteps must be 0 or more (got {o.CheckpointEverySteps}).");
        Require(o.MaxSteps >= 0, nameof(o.MaxSteps), $"maxSteps must be 0 (no limit) or more (got {o.MaxSteps}).");
        Require(o.Device is "auto" or "cpu" or "cuda", nameof(o.Device), $"device must be auto, cpu or cuda (got '{o.Device}').");
        Require(o.LengthGroupingFactor >= 1, nameof(o.LengthGroupingFactor), $"lengthGroupingFactor must be at least 1 (got {o.LengthGroupingFactor}).");
        return problems;
    }
}

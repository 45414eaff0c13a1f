
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
        var problems = new OptionProblems();
        var o = options;
        // Null is "let the platform choose"; the comparisons are written so that NaN fails too.
        problems.Require(o.Epochs is null or >= 1, nameof(o.Epochs), $"epochs must be at least 1 (got {o.Epochs}).");
        problems.Require(o.Epochs is null or <= MaxEpochs, nameof(o.Epochs), $"epochs must be at most {MaxEpochs} (got {o.Epochs}).");
        problems.Require(o.LearningRate is null || (o.LearningRate > 0 && o.LearningRate <= 1), nameof(o.LearningRate), $"learningRate must be in (0, 1] (got {o.LearningRate}).");
        problems.Require(o.BatchSize >= 1, nameof(o.BatchSize), $"batchSize must be at least 1 (got {o.BatchSize}).");
        problems.Require(o.BatchSize <= MaxBatchSize, nameof(o.BatchSize), $"batchSize must be at most {MaxBatchSize} (got {o.BatchSize}).");
        problems.Require(o.MaxLength is >= MinMaxLength and <= MaxMaxLength, nameof(o.MaxLength), $"maxLength must be between {MinMaxLength} and {MaxMaxLength} (got {o.MaxLength}).");
        problems.Require(o.WarmupRatio >= 0 && o.WarmupRatio < 1, nameof(o.WarmupRatio), $"warmupRatio must be in [0, 1) (got {o.WarmupRatio}).");
        problems.Require(o.WeightDecay >= 0, nameof(o.WeightDecay), $"weightDecay must be 0 or more (got {o.WeightDecay}).");
        problems.Require(o.MaxGradNorm > 0, nameof(o.MaxGradNorm), $"maxGradNorm must be more than 0 (got {o.MaxGradNorm}).");
        problems.Require(o.GradientAccumulationSteps >= 1, nameof(o.GradientAccumulationSteps), $"gradientAccumulationSteps must be at least 1 (got {o.GradientAccumulationSteps}).");
        problems.Require(Enum.IsDefined(o.ClassWeighting), nameof(o.ClassWeighting), $"classWeighting must be none or balanced (got {o.ClassWeighting}).");
        problems.Require(Enum.IsDefined(o.Pooling), nameof(o.Pooling), $"pooling must be auto, cls or mean (got {o.Pooling}).");
        problems.Require(Enum.IsDefined(o.Vocabulary), nameof(o.Vocabulary), $"vocabulary must be auto, base or extend (got {o.Vocabulary}).");
        problems.Require(o.EvaluateEverySteps >= 0, nameof(o.EvaluateEverySteps), $"evaluateEverySteps must be 0 (each epoch) or more (got {o.EvaluateEverySteps}).");
        problems.Require(o.EarlyStoppingPatience >= 0, nameof(o.EarlyStoppingPatience), $"earlyStoppingPatience must be 0 (never stop early) or more (got {o.EarlyStoppingPatience}).");
        problems.Require(o.CheckpointEverySteps >= 0, nameof(o.CheckpointEverySteps), $"checkpointEverySteps must be 0 or more (got {o.CheckpointEverySteps}).");
        problems.Require(o.MaxSteps >= 0, nameof(o.MaxSteps), $"maxSteps must be 0 (no limit) or more (got {o.MaxSteps}).");
        problems.Require(Enum.IsDefined(o.EmbeddingUpdate), nameof(o.EmbeddingUpdate), $"embeddingUpdate must be lazy, dense or frozen (got {o.EmbeddingUpdate}).");
        problems.Require(o is not { EmbeddingUpdate: EmbeddingUpdate.Frozen, Vocabulary: not VocabularyMode.Base }, nameof(o.EmbeddingUpdate),
            $"embeddingUpdate frozen needs vocabulary base: tokens added to the vocabulary would never learn their rows (got vocabulary {o.Vocabulary}).");
        problems.Require(Enum.IsDefined(o.Precision), nameof(o.Precision), $"precision must be auto, fp32, bf16 or fp16 (got {o.Precision}).");
        problems.Require(o is not { Precision: TrainingPrecision.Fp16, Device: "cpu" }, nameof(o.Precision),
            $"precision fp16 trains on CUDA only (a CPU computes fp16 matrix products slowly); use bf16 or auto with device cpu.");
        problems.Require(o.Device is "auto" or "cpu" or "cuda", nameof(o.Device), $"device must be auto, cpu or cuda (got '{o.Device}').");
        problems.Require(o.LengthGroupingFactor >= 1, nameof(o.LengthGroupingFactor), $"lengthGroupingFactor must be at least 1 (got {o.LengthGroupingFactor}).");
        return problems.ToList();
    }
}

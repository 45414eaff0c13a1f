namespace Platform.Shared.Training;

/// <summary>Hyperparameters and run controls of one fine-tuning run; <see cref="TrainingOptionRules"/> says which values are allowed.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training split; null (the default) lets the platform choose from the data's size.</summary>
    public int? Epochs { get; init; }

    /// <summary>Peak learning rate; null (the default) lets the platform choose from the base model's width.</summary>
    public double? LearningRate { get; init; }

    public int BatchSize { get; init; } = 32;

    public int MaxLength { get; init; } = 128;

    /// <summary>Fraction of the optimizer steps spent warming the learning rate up from 0.</summary>
    public double WarmupRatio { get; init; } = 0.1;

    public double WeightDecay { get; init; } = 0.01;

    public double MaxGradNorm { get; init; } = 1.0;

    public int GradientAccumulationSteps { get; init; } = 1;

    public ClassWeighting ClassWeighting { get; init; } = ClassWeighting.None;

    /// <summary>How the head reads the encoder: <c>auto</c> picks what the base model was trained for.</summary>
    public Pooling Pooling { get; init; } = Pooling.Auto;

    /// <summary>Whether the training split's frequent unknown characters join the vocabulary (new embedding rows, trained with the rest).</summary>
    public VocabularyMode Vocabulary { get; init; } = VocabularyMode.Auto;

    public int Seed { get; init; } = 42;

    /// <summary>Also evaluate every N optimizer steps (0: at the end of each epoch only).</summary>
    public int EvaluateEverySteps { get; init; }

    /// <summary>Stop after this many evaluations without a better validation macro-F1 (0: never stop early).</summary>
    public int EarlyStoppingPatience { get; init; } = 2;

    /// <summary>Write a resumable checkpoint every N optimizer steps (0: only at evaluations).</summary>
    public int CheckpointEverySteps { get; init; }

    /// <summary>Stop after this many optimizer steps in total (0: no limit); for smoke runs and tests.</summary>
    public int MaxSteps { get; init; }

    /// <summary>How the word embedding is updated: <c>lazy</c> (only the rows a step's batches used), <c>dense</c> or <c>frozen</c>.</summary>
    public EmbeddingUpdate EmbeddingUpdate { get; init; } = EmbeddingUpdate.Lazy;

    /// <summary>The format matrix products train in: <c>auto</c> (bf16 where the device computes it natively), <c>fp32</c>, <c>bf16</c> or <c>fp16</c> (CUDA).</summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Auto;

    /// <summary><c>auto</c> (CUDA when present), <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Examples per length-sorted pool; larger pools pad less but shuffle less.</summary>
    public int LengthGroupingFactor { get; init; } = 50;
}

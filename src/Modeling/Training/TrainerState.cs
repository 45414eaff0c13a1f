using Platform.Shared.Training;

namespace Platform.Modeling.Training;

/// <summary>The trainer's resumable position, saved beside the weights and optimizer in a checkpoint.</summary>
internal sealed record TrainerState
{
    public int GlobalStep { get; init; }

    public int Epoch { get; init; }

    /// <summary>Index of the next batch to run within <see cref="Epoch"/>.</summary>
    public int NextBatch { get; init; }

    public double BestMacroF1 { get; init; } = -1;

    public int BestStep { get; init; } = -1;

    public int EvaluationsWithoutImprovement { get; init; }

    public double LossSum { get; init; }

    public int LossCount { get; init; }

    /// <summary>Training loss since the last point of <see cref="Losses"/>.</summary>
    public double WindowLossSum { get; init; }

    public int WindowLossCount { get; init; }

    /// <summary>Mean training loss every <see cref="Trainer.LossInterval"/> optimizer steps.</summary>
    public List<StepValue> Losses { get; init; } = [];

    public string RngState { get; init; } = "";

    public int Seed { get; init; }

    /// <summary>See <see cref="RunFingerprint"/>.</summary>
    public string Fingerprint { get; init; } = "";

    public int TotalSteps { get; init; }

    public List<EvaluationRecord> History { get; init; } = [];

    public List<float>? Thresholds { get; init; }

    /// <summary>Steps the lazily updated word embedding has taken (its bias correction's count).</summary>
    public int EmbeddingSteps { get; init; }

    /// <summary>fp16 loss scaling's state; null in fp32 and bf16 runs.</summary>
    public LossScaleState? LossScale { get; init; }

    /// <summary>The runs before this one (checkpoints carry them forward), for <see cref="TrainingResult.Runs"/>.</summary>
    public List<TrainingRun> Runs { get; init; } = [];
}

using Platform.Shared.Training;

namespace Platform.Modeling.Training;

/// <summary>How a run ended: the best validation score (whose weights the model now holds) and the history.</summary>
public sealed record TrainingResult(
    int Steps,
    int BestStep,
    double BestMacroF1,
    bool StoppedEarly,
    bool Resumed,
    TimeSpan Elapsed,
    double SequencesPerSecond,
    IReadOnlyList<EvaluationRecord> History,
    IReadOnlyList<float>? Thresholds,
    IReadOnlyList<TrainingRun>? Runs = null,
    IReadOnlyList<StepValue>? Losses = null)
{
    /// <summary>Seconds of training over every run (the current one whole, earlier ones up to their last checkpoint).</summary>
    /// <summary>The precision matrix products trained in (settled: never <c>auto</c>).</summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Fp32;

    /// <summary>Optimizer steps fp16 loss scaling skipped because their gradients overflowed (0 in fp32 and bf16).</summary>
    public int SkippedSteps { get; init; }

    /// <summary>Seconds of training over every run (the current one whole, earlier ones up to their last checkpoint).</summary>
    public double TotalSeconds => Runs is { Count: > 0 } runs ? runs.Sum(r => r.Seconds) : Elapsed.TotalSeconds;
}

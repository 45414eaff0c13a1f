using Platform.Modeling.Evaluation;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Scoring;
using Platform.Pipeline.Sweeps;

namespace Platform.Pipeline.Orchestration;

/// <summary>The orchestration's output: the outcome, the error when it failed, and for a completed job the metrics, version and promotion verdict.</summary>
public sealed record PipelineResult(
    string JobId,
    PipelineOutcome Outcome,
    int Attempts,
    string? ErrorCode = null,
    string? Error = null,
    ValidationSummary? Validation = null,
    MetricsSummary? Metrics = null,
    string? Version = null,
    bool Promoted = false,
    string? PromotionReason = null)
{
    /// <summary>A trial's best validation macro-F1 (what its sweep ranks by); null for other jobs.</summary>
    public double? BestValidationMacroF1 { get; init; }

    /// <summary>A trial's optimizer steps (a sweep's tie-break: fewer wins); null for other jobs.</summary>
    public int? Steps { get; init; }

    /// <summary>A batch scoring job's model, version, rows scored, output blob and row errors; null for training jobs.</summary>
    public ScoringProgress? Scoring { get; init; }

    /// <summary>A sweep's trials, as they ended; null for other jobs.</summary>
    public IReadOnlyList<TrialRecord>? Trials { get; init; }
}

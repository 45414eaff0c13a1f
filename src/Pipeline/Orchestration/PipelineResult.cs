using Platform.Modeling.Evaluation;
using Platform.Pipeline.Activities;

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
    string? PromotionReason = null);

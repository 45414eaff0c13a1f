using Platform.Modeling.Evaluation;
using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Notifications;

/// <summary>The <c>data</c> of a job event: the job, its new phase and attempt, and at its end the outcome, error, version and test metrics.</summary>
public sealed record JobEventData(
    string JobId,
    string Model,
    string Phase,
    int Attempt,
    int Sequence,
    PipelineOutcome? Outcome = null,
    string? ErrorCode = null,
    string? Error = null,
    string? Version = null,
    bool? Promoted = null,
    MetricsSummary? Metrics = null);

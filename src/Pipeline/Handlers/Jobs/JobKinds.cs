using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Scoring;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Values of a job view's <c>kind</c>: which orchestration the job is.</summary>
public static class JobKinds
{
    public const string Training = "training";
    public const string Scoring = "scoring";

    /// <summary>The kind of an orchestration by its name; null for orchestrations that are not jobs.</summary>
    public static string? Of(string? orchestrationName) => orchestrationName switch
    {
        nameof(TrainingOrchestrator) => Training,
        nameof(ScoringOrchestrator) => Scoring,
        _ => null,
    };
}

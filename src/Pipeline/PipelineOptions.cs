using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline;

/// <summary>
/// How the pipeline watches and promotes runs and what jobs default to; bound from the <c>Pipeline</c> section. Where its
/// data lives (account, containers, queues) is the shared <c>Storage</c> and <c>ServiceBus</c> vocabulary
/// (<see cref="Shared.Configuration.StorageSettings"/>, <see cref="Shared.Configuration.ServiceBusSettings"/>).
/// </summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Job options used where a request does not set them.</summary>
    public JobDefaults Defaults { get; set; } = new();

    /// <summary>How the orchestrator watches a dispatched run.</summary>
    public WatchdogSettings Watchdog { get; set; } = new();

    /// <summary>When a published version becomes <c>current</c>.</summary>
    public PromotionGate Promotion { get; set; } = new();

    /// <summary>How batch scoring cuts and scores uploads.</summary>
    public Scoring.ScoringSettings Scoring { get; set; } = new();

    /// <summary>At most this many test examples are scored, sampled evenly within each label.</summary>
    public int EvaluationMaxExamples { get; set; } = 2000;
}

using Platform.Modeling.Evaluation;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Sweeps;

namespace Platform.Pipeline.Activities;

/// <summary>Publish job <paramref name="JobId"/>'s package as <paramref name="Model"/>/<paramref name="Version"/>; <paramref name="PublishedAt"/> is orchestration time so a re-run writes the same bytes.</summary>
public sealed record PublishModelInput(
    string JobId,
    string Model,
    string Version,
    string BaseModel,
    MetricsSummary Metrics,
    PromotionGate Gate,
    DateTimeOffset PublishedAt)
{
    /// <summary>The trials of the sweep that chose this package, for the card; null for a single run.</summary>
    public IReadOnlyList<TrialRecord>? Trials { get; init; }
}

using Platform.Modeling.Evaluation;

namespace Platform.Pipeline.Activities;

/// <summary>Content of <c>models/{model}/current.json</c>: the version prediction serves by default.</summary>
public sealed record CurrentModel(string Model, string Version, string JobId, double MacroF1, MetricsSummary Metrics, DateTimeOffset PromotedAt);

using Platform.Modeling.Evaluation;

namespace Platform.Pipeline.Activities;

/// <summary>The headline metrics and how many of the available test examples were scored.</summary>
public sealed record EvaluateModelResult(MetricsSummary Metrics, int Evaluated, int Available);

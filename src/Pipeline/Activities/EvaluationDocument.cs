using Platform.Modeling.Evaluation;

namespace Platform.Pipeline.Activities;

/// <summary>Content of <c>jobs/{id}/evaluation/metrics.json</c>: the summary, the full report (per class, confusion matrix) and the sample sizes.</summary>
public sealed record EvaluationDocument(string JobId, string Split, int Evaluated, int Available, int SkippedUnknownLabels, MetricsSummary Summary, object Report);

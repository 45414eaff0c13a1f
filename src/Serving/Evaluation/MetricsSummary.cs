namespace Platform.Modeling.Evaluation;

/// <summary>The headline numbers of an evaluation, written as a model package's <c>metrics.json</c>.</summary>
/// <param name="Task">"single-label" or "multi-label".</param>
/// <param name="Count">Number of evaluated samples.</param>
/// <param name="MacroF1">Unweighted mean of per-class (or per-label) F1.</param>
/// <param name="MicroF1">F1 of the pooled counts; equals <paramref name="Accuracy"/> for single-label tasks.</param>
/// <param name="WeightedF1">Per-class F1 averaged by support.</param>
/// <param name="Accuracy">Single-label only: share of samples classified correctly.</param>
/// <param name="SubsetAccuracy">Multi-label only: share of samples whose whole label set is exactly right.</param>
/// <param name="HammingLoss">Multi-label only: share of (sample, label) decisions that are wrong.</param>
public sealed record MetricsSummary(
    string Task,
    int Count,
    double MacroF1,
    double MicroF1,
    double WeightedF1,
    double? Accuracy = null,
    double? SubsetAccuracy = null,
    double? HammingLoss = null)
{
    public const string SingleLabel = "single-label";
    public const string MultiLabel = "multi-label";

    public static MetricsSummary From(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new MetricsSummary(SingleLabel, report.Count, report.Macro.F1, report.Micro.F1, report.Weighted.F1, Accuracy: report.Accuracy);
    }

    public static MetricsSummary From(MultiLabelReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new MetricsSummary(
            MultiLabel,
            report.Count,
            report.MacroF1,
            report.MicroF1,
            Averaging.Weighted(report.PerLabel).F1,
            SubsetAccuracy: report.SubsetAccuracy,
            HammingLoss: report.HammingLoss);
    }
}

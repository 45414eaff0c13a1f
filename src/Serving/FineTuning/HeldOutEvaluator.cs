using Platform.Modeling.Evaluation;
using Platform.Modeling.Training;

namespace Platform.Modeling.FineTuning;

/// <summary>Scores probabilities on a labelled split: the headline summary and the full text report.</summary>
public static class HeldOutEvaluator
{
    internal static (MetricsSummary Summary, object Report, string Text) Score(EncodedDataset data, float[][] probabilities, IReadOnlyList<float>? thresholds)
    {
        if (!data.IsMultiLabel)
        {
            var report = SingleLabelMetrics.Compute([.. data.Examples.Select(e => e.Labels[0])], [.. probabilities.Select(ValidationScorer.ArgMax)], data.Labels);
            return (MetricsSummary.From(report), report, ReportFormatter.Format(report) + "\n" + ReportFormatter.FormatConfusionMatrix(report));
        }

        var gold = data.Examples.Select(e => ValidationScorer.ToMultiHot(e.Labels, data.Labels.Count)).ToArray();
        var multi = MultiLabelMetrics.Compute(gold, probabilities, thresholds ?? [.. Enumerable.Repeat(0.5f, data.Labels.Count)], data.Labels);
        return (MetricsSummary.From(multi), multi, ReportFormatter.Format(multi));
    }
}

using System.Globalization;
using System.Text;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Serving;
using Platform.Shared.Datasets;
using Platform.Shared.Text;

namespace Platform.Pipeline.Activities;

/// <summary>Scores labelled examples with a loaded <see cref="Predictor"/>, i.e. exactly as prediction will see them.</summary>
public static class EvaluationScorer
{
    /// <summary>The summary, the full report, its text form and (single-label) the confusion matrix as CSV; examples with labels the model does not know are skipped.</summary>
    public static (MetricsSummary Summary, object Report, string Text, string? ConfusionCsv, int Skipped) Score(Predictor predictor, IReadOnlyList<LabeledExample> examples)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(examples);
        var labels = predictor.Labels;
        var index = labels.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i, StringComparer.Ordinal);
        var known = examples.Where(e => e.Labels.Count > 0 && e.Labels.All(index.ContainsKey)).ToList();
        if (known.Count == 0)
        {
            throw new InvalidOperationException($"None of the {examples.Count} held-out examples has a label the model knows ({string.Join(", ", labels)}).");
        }

        var predictions = predictor.Predict([.. known.Select(e => e.Text)]);
        var skipped = examples.Count - known.Count;
        if (!predictor.Package.Labels.MultiLabel)
        {
            var report = SingleLabelMetrics.Compute(
                [.. known.Select(e => index[e.Labels[0]])],
                [.. predictions.Select(p => index[p.Label!])],
                labels);
            var text = ReportFormatter.Format(report) + "\n" + ReportFormatter.FormatConfusionMatrix(report);
            return (MetricsSummary.From(report), report, text, ConfusionCsv(report), skipped);
        }

        var gold = known.Select(e => labels.Select(l => e.Labels.Contains(l, StringComparer.Ordinal)).ToArray()).ToList();
        var probabilities = predictions.Select(p => labels.Select(l => p.Scores[l]).ToArray()).ToList();
        var thresholds = predictor.Package.Labels.Thresholds ?? [.. Enumerable.Repeat(0.5f, labels.Count)];
        var multi = MultiLabelMetrics.Compute(gold, probabilities, thresholds, labels);
        return (MetricsSummary.From(multi), multi, ReportFormatter.Format(multi), null, skipped);
    }

    /// <summary>Rows are actual labels, columns predicted ones; label cells neutralised against formula injection.</summary>
    internal static string ConfusionCsv(ClassificationReport report)
    {
        var csv = new StringBuilder();
        csv.Append("actual\\predicted");
        foreach (var label in report.Labels)
        {
            csv.Append(',').Append(CsvCells.Escape(label));
        }

        csv.Append('\n');
        for (var i = 0; i < report.Labels.Count; i++)
        {
            csv.Append(CsvCells.Escape(report.Labels[i]));
            foreach (var count in report.ConfusionMatrix[i])
            {
                csv.Append(',').Append(count.ToString(CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }
}

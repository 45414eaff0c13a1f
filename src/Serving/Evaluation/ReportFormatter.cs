using System.Globalization;
using System.Text;

namespace Platform.Modeling.Evaluation;

/// <summary>Renders reports as plain-text tables laid out like scikit-learn's <c>classification_report</c>.</summary>
/// <remarks>Numbers use the invariant culture and lines end with "\n", so the text is the same on every machine.</remarks>
public static class ReportFormatter
{
    private const string Weighted = "weighted avg";

    /// <summary>Per-class precision, recall, F1 and support, then accuracy and the macro and weighted averages.</summary>
    public static string Format(ClassificationReport report, int digits = 2)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new ScoreTable(Math.Max(Weighted.Length, MaxLength(report.Labels)), digits, Extra: null);
        var text = new StringBuilder();
        table.AppendHeader(text);
        foreach (var scores in report.PerClass)
        {
            table.AppendRow(text, scores.Label, scores.Precision, scores.Recall, scores.F1, scores.Support);
        }

        var support = report.PerClass.Sum(s => s.Support);
        text.Append('\n');
        table.AppendAccuracy(text, report.Accuracy, report.Count);
        table.AppendRow(text, "macro avg", report.Macro.Precision, report.Macro.Recall, report.Macro.F1, support);
        table.AppendRow(text, Weighted, report.Weighted.Precision, report.Weighted.Recall, report.Weighted.F1, support);
        return text.ToString();
    }

    /// <summary>Per-label scores with each label's threshold, the micro, macro and weighted averages, subset accuracy and Hamming loss.</summary>
    public static string Format(MultiLabelReport report, int digits = 2)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new ScoreTable(Math.Max(Weighted.Length, MaxLength(report.Labels)), digits, Extra: "threshold");
        var text = new StringBuilder();
        table.AppendHeader(text);
        for (var k = 0; k < report.PerLabel.Count; k++)
        {
            var scores = report.PerLabel[k];
            table.AppendRow(text, scores.Label, scores.Precision, scores.Recall, scores.F1, scores.Support, report.Thresholds[k]);
        }

        var support = report.PerLabel.Sum(s => s.Support);
        var weighted = Averaging.Weighted(report.PerLabel);
        text.Append('\n');
        table.AppendRow(text, "micro avg", report.Micro.Precision, report.Micro.Recall, report.Micro.F1, support);
        table.AppendRow(text, "macro avg", report.Macro.Precision, report.Macro.Recall, report.Macro.F1, support);
        table.AppendRow(text, Weighted, weighted.Precision, weighted.Recall, weighted.F1, support);
        text.Append('\n');
        var format = "F" + digits.ToString(CultureInfo.InvariantCulture);
        text.Append("subset accuracy: ").Append(report.SubsetAccuracy.ToString(format, CultureInfo.InvariantCulture)).Append('\n');
        text.Append("hamming loss: ").Append(report.HammingLoss.ToString(format, CultureInfo.InvariantCulture)).Append('\n');
        text.Append("samples: ").Append(report.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    /// <summary>The confusion matrix with actual classes as rows and predicted classes as columns.</summary>
    public static string FormatConfusionMatrix(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        const string Corner = @"actual \ predicted";
        var first = Math.Max(Corner.Length, MaxLength(report.Labels));
        var widths = report.Labels
            .Select((label, j) => Math.Max(label.Length, report.ConfusionMatrix.Select(row => Digits(row[j])).DefaultIfEmpty(1).Max()))
            .ToArray();
        var text = new StringBuilder();
        text.Append(Corner.PadRight(first));
        for (var j = 0; j < widths.Length; j++)
        {
            text.Append("  ").Append(report.Labels[j].PadLeft(widths[j]));
        }

        text.Append('\n');
        for (var i = 0; i < report.Labels.Count; i++)
        {
            text.Append(report.Labels[i].PadRight(first));
            for (var j = 0; j < widths.Length; j++)
            {
                text.Append("  ").Append(report.ConfusionMatrix[i][j].ToString(CultureInfo.InvariantCulture).PadLeft(widths[j]));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static int MaxLength(IEnumerable<string> labels) => labels.Select(l => l.Length).DefaultIfEmpty(0).Max();

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;
}

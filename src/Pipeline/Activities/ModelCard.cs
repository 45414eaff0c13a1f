using System.Globalization;
using System.Text;
using Platform.Modeling.Evaluation;

namespace Platform.Pipeline.Activities;

/// <summary>Writes the Markdown model card published next to a version; the same input gives the same text.</summary>
public static class ModelCard
{
    public static string Render(PublishModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var m = input.Metrics;
        var card = new StringBuilder();
        card.Append(CultureInfo.InvariantCulture, $"# {input.Model} — version {input.Version}\n\n");
        card.Append(CultureInfo.InvariantCulture, $"Fine-tuned from `{input.BaseModel}` by job `{input.JobId}`, published {input.PublishedAt:yyyy-MM-dd HH:mm} UTC.\n\n");
        card.Append(CultureInfo.InvariantCulture, $"## Held-out evaluation ({m.Task}, {m.Count} examples)\n\n");
        card.Append("| Metric | Value |\n|---|---|\n");
        foreach (var (name, value) in HeadlineRows(m))
        {
            card.Append(CultureInfo.InvariantCulture, $"| {name} | {value:0.0000} |\n");
        }

        card.Append("\nFull metrics: `evaluation.json` (per class, confusion matrix) and the package's `metrics.json`.\n");
        card.Append("The package loads with Hugging Face `transformers` as `BertForSequenceClassification`; `manifest.json` lists every file's SHA-256.\n");
        return card.ToString();
    }

    /// <summary>The summary table of both cards (markdown and HTML): the metrics this task has, in a fixed order.</summary>
    internal static IEnumerable<(string Name, double Value)> HeadlineRows(MetricsSummary metrics)
    {
        var rows = new (string Name, double? Value)[]
        {
            ("Macro F1", metrics.MacroF1),
            ("Micro F1", metrics.MicroF1),
            ("Weighted F1", metrics.WeightedF1),
            ("Accuracy", metrics.Accuracy),
            ("Subset accuracy", metrics.SubsetAccuracy),
            ("Hamming loss", metrics.HammingLoss),
        };
        return rows.Where(row => row.Value.HasValue).Select(row => (row.Name, row.Value!.Value));
    }
}

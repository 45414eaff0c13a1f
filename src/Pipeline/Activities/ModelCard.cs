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
        Row(card, "Macro F1", m.MacroF1);
        Row(card, "Micro F1", m.MicroF1);
        Row(card, "Weighted F1", m.WeightedF1);
        Row(card, "Accuracy", m.Accuracy);
        Row(card, "Subset accuracy", m.SubsetAccuracy);
        Row(card, "Hamming loss", m.HammingLoss);
        card.Append("\nFull metrics: `evaluation.json` (per class, confusion matrix) and the package's `metrics.json`.\n");
        card.Append("The package loads with Hugging Face `transformers` as `BertForSequenceClassification`; `manifest.json` lists every file's SHA-256.\n");
        return card.ToString();
    }

    private static void Row(StringBuilder card, string name, double? value)
    {
        if (value is { } v)
        {
            card.Append(CultureInfo.InvariantCulture, $"| {name} | {v:0.0000} |\n");
        }
    }
}

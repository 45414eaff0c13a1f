using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform.Modeling.Bert;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Packaging;

namespace Platform.Pipeline.Activities;

/// <summary>Writes the Markdown model card published next to a version; the same input gives the same text.</summary>
public static class ModelCard
{
    /// <param name="input">What is published and its headline metrics.</param>
    /// <param name="training">The package's <c>training.json</c>, when present (its automatic choices, its pooling).</param>
    public static string Render(PublishModelInput input, JsonElement? training = null)
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

        var choices = Choices(training);
        if (choices.Count > 0)
        {
            card.Append("\n## Chosen for this run\n\n| Setting | Value | Why |\n|---|---|---|\n");
            foreach (var (setting, value, reason) in choices)
            {
                card.Append(CultureInfo.InvariantCulture, $"| {setting} | {value} | {reason} |\n");
            }
        }

        if (input.Trials is { Count: > 0 } trials)
        {
            card.Append(CultureInfo.InvariantCulture, $"\n## {SweepHeading(trials)}\n\n");
            card.Append("| ").Append(string.Join(" | ", TrialColumns)).Append(" |\n|").Append(string.Concat(TrialColumns.Select(_ => "---|"))).Append('\n');
            foreach (var row in TrialRows(trials))
            {
                card.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
            }
        }

        card.Append("\nFull metrics: `evaluation.json` (per class, confusion matrix) and the package's `metrics.json`.\n");
        card.Append(LoadingNote(choices)).Append('\n');
        return card.ToString();
    }

    internal static readonly string[] TrialColumns = ["Trial", "Options", "Best validation macro-F1", "Steps", "Time (s)", "Outcome"];

    internal static string SweepHeading(IReadOnlyList<Sweeps.TrialRecord> trials) =>
        string.Create(CultureInfo.InvariantCulture, $"Sweep: {trials.Count} trials, the best validation macro-F1 won (fewer steps break ties)");

    /// <summary>One row of text per trial, in <see cref="TrialColumns"/> order; the winner's outcome reads <c>published</c>.</summary>
    internal static IEnumerable<string[]> TrialRows(IReadOnlyList<Sweeps.TrialRecord> trials) => trials.Select(t => new[]
    {
        t.Number.ToString(CultureInfo.InvariantCulture),
        string.Join(", ", t.Options.Select(o => $"{o.Key} = {OptionText(o.Value)}")),
        t.BestValidationMacroF1?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "—",
        t.Steps?.ToString(CultureInfo.InvariantCulture) ?? "—",
        t.Seconds?.ToString("0", CultureInfo.InvariantCulture) ?? "—",
        t.Winner ? "published" : t.Outcome,
    });

    /// <summary>An option's value as a reader wants it: numbers to six significant digits (3 × 1e-4 reads 0.0003), anything else as JSON.</summary>
    internal static string OptionText(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number
            ? value.GetDouble().ToString("G6", CultureInfo.InvariantCulture).ToLowerInvariant()
            : value.GetRawText();

    /// <summary>The settings <c>training.json</c> says the platform chose (setting, value, reason), in its order.</summary>
    internal static IReadOnlyList<(string Setting, string Value, string Reason)> Choices(JsonElement? training) =>
        training is { ValueKind: JsonValueKind.Object } record && record.TryGetProperty("choices", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(c => (Text(c, "setting"), Text(c, "value"), Text(c, "reason")))]
            : [];

    /// <summary>Which stock classes can load the package (Markdown): a mean-pooling head is not <c>BertForSequenceClassification</c>'s.</summary>
    internal static string LoadingNote(IReadOnlyList<(string Setting, string Value, string Reason)> choices) =>
        choices.Any(c => c is { Setting: ChosenSetting.Pooling, Value: BertConfig.MeanPoolingName })
            ? "The head reads the mean of the real tokens (`classifier_pooling: mean` in `config.json`), which no stock Hugging Face class computes: "
              + "`BertModel` loads the encoder, and the prediction is `classifier` applied to `last_hidden_state` averaged over `attention_mask`. "
              + "`model.onnx` and `model.int8.onnx` are the whole classifier, for any ONNX runtime; `manifest.json` lists every file's SHA-256."
            : "The package loads with Hugging Face `transformers` as `BertForSequenceClassification`; `manifest.json` lists every file's SHA-256.";

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

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

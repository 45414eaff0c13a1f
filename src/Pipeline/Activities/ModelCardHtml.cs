using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Platform.Pipeline.Activities;

/// <summary>
/// The published model card as one self-contained HTML page: headline metrics, the per-class table, and
/// the training curve and confusion matrix as embedded PNG images.
/// </summary>
public static class ModelCardHtml
{
    /// <param name="input">What is published and its headline metrics.</param>
    /// <param name="training">The package's <c>training.json</c>, when present.</param>
    /// <param name="evaluation">The job's evaluation <c>metrics.json</c>, when present.</param>
    public static string Render(PublishModelInput input, JsonElement? training, JsonElement? evaluation)
    {
        ArgumentNullException.ThrowIfNull(input);
        var html = new StringBuilder();
        var title = WebUtility.HtmlEncode($"{input.Model} — version {input.Version}");
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}.bar{background:#2563eb;height:.7rem}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{title}</h1><p>Fine-tuned from <code>{WebUtility.HtmlEncode(input.BaseModel)}</code> by job <code>{WebUtility.HtmlEncode(input.JobId)}</code>, published {input.PublishedAt:yyyy-MM-dd HH:mm} UTC.</p>");

        var m = input.Metrics;
        html.Append(CultureInfo.InvariantCulture, $"<h2>Held-out evaluation ({WebUtility.HtmlEncode(m.Task)}, {m.Count} examples)</h2><table>");
        foreach (var (name, value) in ModelCard.HeadlineRows(m))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{name}</td><td>{value:0.0000}</td></tr>");
        }

        html.Append("</table>");

        if (evaluation is { } document && document.TryGetProperty("report", out var report))
        {
            PerClass(html, report);
            if (report.TryGetProperty("confusionMatrix", out var matrix) && report.TryGetProperty("labels", out var labels))
            {
                var names = labels.EnumerateArray().Select(l => l.GetString() ?? "").ToList();
                var counts = matrix.EnumerateArray().Select(row => row.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
                Image(html, "Confusion matrix", CardCharts.ConfusionMatrix(names, counts));
            }
        }

        if (training is { } record && record.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array && history.GetArrayLength() > 0)
        {
            var evaluations = history.EnumerateArray()
                .Select(h => (Step: h.GetProperty("step").GetInt32(), Loss: h.GetProperty("trainLoss").GetDouble(), MacroF1: h.GetProperty("macroF1").GetDouble()))
                .ToList();
            // The loss every few steps where the package has it; a package from before that has the loss at each evaluation.
            var losses = record.TryGetProperty("losses", out var logged) && logged.ValueKind == JsonValueKind.Array && logged.GetArrayLength() > 0
                ? [.. logged.EnumerateArray().Select(p => (p.GetProperty("step").GetInt32(), p.GetProperty("value").GetDouble()))]
                : evaluations.Select(e => (e.Step, e.Loss)).ToList();
            Image(html, "Training curve", CardCharts.TrainingCurve(losses, [.. evaluations.Select(e => (e.Step, e.MacroF1))]));
        }

        var choices = ModelCard.Choices(training);
        if (choices.Count > 0)
        {
            html.Append("<h2>Chosen for this run</h2><table><tr><th>Setting</th><th>Value</th><th>Why</th></tr>");
            foreach (var (setting, value, reason) in choices)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(setting)}</td><td>{WebUtility.HtmlEncode(value)}</td><td style=\"text-align:left\">{WebUtility.HtmlEncode(reason)}</td></tr>");
            }

            html.Append("</table>");
        }

        if (input.Trials is { Count: > 0 } trials)
        {
            html.Append("<h2>").Append(WebUtility.HtmlEncode(ModelCard.SweepHeading(trials))).Append("</h2><table><tr>");
            html.Append(string.Concat(ModelCard.TrialColumns.Select(c => $"<th>{WebUtility.HtmlEncode(c)}</th>"))).Append("</tr>");
            foreach (var row in ModelCard.TrialRows(trials))
            {
                html.Append("<tr>").Append(string.Concat(row.Select(cell => $"<td>{WebUtility.HtmlEncode(cell)}</td>"))).Append("</tr>");
            }

            html.Append("</table>");
        }

        html.Append("<p>").Append(CodeSpans(ModelCard.LoadingNote(choices))).Append("</p></body></html>");
        return html.ToString();
    }

    /// <summary>HTML-encodes Markdown text whose only markup is `code` spans.</summary>
    private static string CodeSpans(string markdown) =>
        System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlEncode(markdown), "`([^`]+)`", "<code>$1</code>");

    private static void PerClass(StringBuilder html, JsonElement report)
    {
        if (!report.TryGetProperty("perClass", out var rows) && !report.TryGetProperty("perLabel", out rows))
        {
            return;
        }

        html.Append("<h2>Per class</h2><table><tr><th>Label</th><th>Precision</th><th>Recall</th><th>F1</th><th>Support</th><th>F1 bar</th></tr>");
        foreach (var row in rows.EnumerateArray())
        {
            var f1 = row.GetProperty("f1").GetDouble();
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{WebUtility.HtmlEncode(row.GetProperty("label").GetString())}</td><td>{row.GetProperty("precision").GetDouble():0.000}</td><td>{row.GetProperty("recall").GetDouble():0.000}</td><td>{f1:0.000}</td><td>{row.GetProperty("support").GetInt32()}</td>"
                + $"<td style=\"width:12rem\"><div class=\"bar\" role=\"img\" aria-label=\"F1 {f1:0.000}\" style=\"width:{Math.Clamp(f1, 0, 1) * 100:0.#}%\"></div></td></tr>");
        }

        html.Append("</table>");
    }

    private static void Image(StringBuilder html, string title, byte[] png) =>
        html.Append(CultureInfo.InvariantCulture, $"<h2>{title}</h2><img alt=\"{title}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">");
}

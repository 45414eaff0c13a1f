using System.Text.Json;

namespace Platform.Pipeline.Handlers.Models;

/// <summary>The numbers a model list shows: held-out test scores and the best validation macro-F1.</summary>
public sealed record HeadlineMetrics(
    string? Task,
    int? Count,
    double? Accuracy,
    double? MacroF1,
    double? MicroF1,
    double? WeightedF1,
    double? SubsetAccuracy,
    double? HammingLoss,
    double? ValidationMacroF1)
{
    /// <summary>Reads a package's <c>metrics.json</c> (test summary under <c>test</c>) or a flat object of the same names.</summary>
    public static HeadlineMetrics? From(JsonElement metrics)
    {
        if (metrics.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var test = metrics.TryGetProperty("test", out var t) && t.ValueKind == JsonValueKind.Object ? t : metrics;
        return new HeadlineMetrics(
            test.TryGetProperty("task", out var task) && task.ValueKind == JsonValueKind.String ? task.GetString() : null,
            test.TryGetProperty("count", out var count) && count.TryGetInt32(out var n) ? n : null,
            Number(test, "accuracy"),
            Number(test, "macroF1"),
            Number(test, "microF1"),
            Number(test, "weightedF1"),
            Number(test, "subsetAccuracy"),
            Number(test, "hammingLoss"),
            Number(metrics, "validationMacroF1"));
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}

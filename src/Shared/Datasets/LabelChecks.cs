using Platform.Shared.Text;

namespace Platform.Shared.Datasets;

/// <summary>
/// Warnings about labels that are probably not what the uploader meant: labels holding a common separator (several
/// labels read as one class) and labels that differ only in case (one class read as several). Labels are always trimmed.
/// </summary>
internal static class LabelChecks
{
    private static readonly char[] Separators = [';', '|', ','];

    public static IEnumerable<string> Warnings(IReadOnlyList<LabeledExample> kept, DatasetOptions options, bool multiLabel)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in kept)
        {
            foreach (var label in example.Labels)
            {
                firstLine.TryAdd(label, example.Line);
            }
        }

        foreach (var separator in Separators)
        {
            if (multiLabel && separator == options.LabelSeparator)
            {
                continue;
            }

            var holding = firstLine.Where(l => l.Key.Contains(separator, StringComparison.Ordinal)).OrderBy(l => l.Value).ToList();
            if (holding.Count > 0)
            {
                var advice = multiLabel
                    ? $"set datasetOptions.labelSeparator to '{separator}'"
                    : $"name the label column '{options.LabelsColumn}' (multi-label) and set datasetOptions.labelSeparator to '{separator}'";
                yield return $"{holding.Count} label(s) contain '{separator}' and are each read as one class: {Bounded.List(holding.Select(l => $"{Bounded.Quote(l.Key)} (line {l.Value})"), 3)}. " +
                    $"If they hold several labels, {advice}.";
            }
        }

        var variants = firstLine
            .GroupBy(l => l.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Min(l => l.Value))
            .ToList();
        if (variants.Count > 0)
        {
            var groups = variants.Select(g => Bounded.List(g.OrderBy(l => l.Value).Select(l => $"{Bounded.Quote(l.Key)} (line {l.Value})"), 4));
            yield return $"{variants.Count} label(s) are written in more than one case and count as separate classes: {Bounded.List(groups.Select(g => "[" + g + "]"), 3)}. " +
                "Make them consistent, or set datasetOptions.foldLabelCase to true to merge them (in lower case).";
        }
    }
}

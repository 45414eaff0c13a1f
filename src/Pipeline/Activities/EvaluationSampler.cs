using Platform.Shared.Datasets;

namespace Platform.Pipeline.Activities;

/// <summary>
/// Caps a split at a number of examples, keeping each label's share (largest remainder, at least one per label
/// when the cap allows) and taking evenly spaced examples within a label, so the sample is the same on every run.
/// </summary>
public static class EvaluationSampler
{
    public static IReadOnlyList<LabeledExample> Take(IReadOnlyList<LabeledExample> examples, int max)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (max <= 0 || examples.Count <= max)
        {
            return examples;
        }

        var strata = examples
            .Select((example, index) => (Key: example.Labels.Count > 0 ? example.Labels[0] : "", Index: index))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(x => x.Index).ToList())
            .ToList();
        var quotas = Quotas(strata.Select(s => s.Count).ToList(), examples.Count, max);
        var chosen = new List<int>(max);
        for (var s = 0; s < strata.Count; s++)
        {
            var members = strata[s];
            for (var i = 0; i < quotas[s]; i++)
            {
                chosen.Add(members[(int)((long)i * members.Count / quotas[s])]);
            }
        }

        chosen.Sort();
        return [.. chosen.Select(i => examples[i])];
    }

    private static int[] Quotas(List<int> sizes, int total, int max)
    {
        var exact = sizes.Select(n => (double)n * max / total).ToArray();
        var quotas = exact.Select(q => (int)Math.Floor(q)).ToArray();
        if (max >= sizes.Count)
        {
            for (var s = 0; s < quotas.Length; s++)
            {
                quotas[s] = Math.Max(quotas[s], 1);
            }
        }

        var byRemainder = Enumerable.Range(0, sizes.Count).OrderByDescending(s => exact[s] - Math.Floor(exact[s])).ThenBy(s => s).ToList();
        for (var k = 0; quotas.Sum() < max && k < byRemainder.Count * 2; k++)
        {
            var s = byRemainder[k % byRemainder.Count];
            if (quotas[s] < sizes[s])
            {
                quotas[s]++;
            }
        }

        while (quotas.Sum() > max)
        {
            var largest = Array.IndexOf(quotas, quotas.Max());
            quotas[largest]--;
        }

        return quotas;
    }
}

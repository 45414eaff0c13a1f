namespace Platform.Shared.Datasets;

/// <summary>
/// Deterministic stratified train/validation/test split.
/// <list type="bullet">
/// <item>Texts are deduplicated first by <see cref="TextKey"/> (NFC, trimmed, whitespace collapsed; first occurrence kept), so no text is in two splits.</item>
/// <item>Strata: the label for single-label data; for multi-label data the example's rarest label (fewest examples in the dataset, ties by ordinal name), so rare labels are spread over all splits.</item>
/// <item>Per stratum: shuffled with SplitMix64 seeded from (seed, stratum name), then round(n·fraction) go to validation and test.
/// A stratum of 3 or more gets at least one example in each split whose fraction is above 0, and keeps at least one in train; smaller strata go to train.</item>
/// <item>Each split keeps the original example order and the parent's label list.</item>
/// </list>
/// </summary>
public static class DatasetSplitter
{
    public static DatasetSplits Split(LabeledDataset dataset, SplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var examples = Deduplicate(dataset.Examples);
        var strata = Stratify(examples, dataset.IsMultiLabel);
        var assignment = new SplitPart[examples.Count];
        foreach (var (name, members) in strata)
        {
            var random = new SplitMix64(unchecked((ulong)options.Seed * 0x9E3779B97F4A7C15UL) ^ SplitMix64.StableHash(name));
            random.Shuffle(members);
            var (validation, test) = Sizes(members.Count, options);
            for (var i = 0; i < members.Count; i++)
            {
                assignment[members[i]] = i < validation ? SplitPart.Validation : i < validation + test ? SplitPart.Test : SplitPart.Train;
            }
        }
        return new DatasetSplits(
            Select(examples, assignment, SplitPart.Train, dataset),
            Select(examples, assignment, SplitPart.Validation, dataset),
            Select(examples, assignment, SplitPart.Test, dataset));
    }

    private static void Validate(SplitOptions options)
    {
        if (options.ValidationFraction is < 0 or >= 1 || double.IsNaN(options.ValidationFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ValidationFraction, "ValidationFraction must be in [0, 1).");
        }
        if (options.TestFraction is < 0 or >= 1 || double.IsNaN(options.TestFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TestFraction, "TestFraction must be in [0, 1).");
        }
        if (options.ValidationFraction + options.TestFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ValidationFraction + TestFraction must be below 1 so that something is left to train on.");
        }
    }

    private static List<LabeledExample> Deduplicate(IReadOnlyList<LabeledExample> examples)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<LabeledExample>(examples.Count);
        foreach (var example in examples)
        {
            if (seen.Add(TextKey.For(example.Text)))
            {
                unique.Add(example);
            }
        }
        return unique;
    }

    /// <summary>Stratum name to indices into <paramref name="examples"/>, ordered by name for determinism.</summary>
    private static SortedDictionary<string, List<int>> Stratify(List<LabeledExample> examples, bool multiLabel)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            foreach (var label in example.Labels)
            {
                frequency[label] = frequency.GetValueOrDefault(label) + 1;
            }
        }
        var strata = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < examples.Count; i++)
        {
            var key = StratumOf(examples[i].Labels, multiLabel, frequency);
            if (!strata.TryGetValue(key, out var members))
            {
                strata[key] = members = [];
            }
            members.Add(i);
        }
        return strata;
    }

    private static string StratumOf(IReadOnlyList<string> labels, bool multiLabel, Dictionary<string, int> frequency)
    {
        if (labels.Count == 0)
        {
            return "";
        }
        if (!multiLabel || labels.Count == 1)
        {
            return labels[0];
        }
        var rarest = labels[0];
        foreach (var label in labels)
        {
            var byCount = frequency[label].CompareTo(frequency[rarest]);
            if (byCount < 0 || (byCount == 0 && string.CompareOrdinal(label, rarest) < 0))
            {
                rarest = label;
            }
        }
        return rarest;
    }

    private static (int Validation, int Test) Sizes(int n, SplitOptions options)
    {
        var validation = (int)Math.Round(n * options.ValidationFraction, MidpointRounding.AwayFromZero);
        var test = (int)Math.Round(n * options.TestFraction, MidpointRounding.AwayFromZero);
        if (n < 3)
        {
            return (0, 0);
        }
        if (options.ValidationFraction > 0)
        {
            validation = Math.Max(validation, 1);
        }
        if (options.TestFraction > 0)
        {
            test = Math.Max(test, 1);
        }
        while (validation + test > n - 1)
        {
            if (validation >= test && validation > 1)
            {
                validation--;
            }
            else if (test > 1)
            {
                test--;
            }
            else
            {
                validation--;
            }
        }
        return (validation, test);
    }

    private static LabeledDataset Select(List<LabeledExample> examples, SplitPart[] assignment, SplitPart part, LabeledDataset parent)
    {
        var selected = new List<LabeledExample>();
        for (var i = 0; i < examples.Count; i++)
        {
            if (assignment[i] == part)
            {
                selected.Add(examples[i]);
            }
        }
        return new LabeledDataset(selected, parent.Labels, parent.IsMultiLabel);
    }
}

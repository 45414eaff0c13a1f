namespace Platform.Shared.Datasets;

/// <summary>
/// Turns label cells into shared, interned label lists so that the hot path allocates nothing per row
/// for labels it has already seen (most datasets have a handful of distinct label cells).
/// </summary>
internal sealed class LabelParser(bool multiLabel, char separator, bool foldCase = false)
{
    // Distinct multi-label cells beyond this are parsed without caching, bounding memory on odd inputs.
    private const int MaxCachedCells = 10_000;

    private readonly Dictionary<string, IReadOnlyList<string>> _byCell = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _folded = new(StringComparer.Ordinal);

    /// <summary>Parses a trimmed, non-empty cell; returns an empty list when a multi-label cell holds only separators.</summary>
    public IReadOnlyList<string> Parse(ReadOnlySpan<char> cell)
    {
        var lookup = _byCell.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(cell, out var cached))
        {
            return cached;
        }
        var parsed = multiLabel ? SplitLabels(cell) : [Intern(cell)];
        if (_byCell.Count < MaxCachedCells)
        {
            lookup[cell] = parsed;
        }
        return parsed;
    }

    private string[] SplitLabels(ReadOnlySpan<char> cell)
    {
        var labels = new List<string>();
        foreach (var range in cell.Split(separator))
        {
            var part = cell[range].Trim();
            if (part.IsEmpty)
            {
                continue;
            }
            var label = Intern(part);
            if (!labels.Contains(label))
            {
                labels.Add(label);
            }
        }
        return [.. labels];
    }

    private string Intern(ReadOnlySpan<char> label)
    {
        var lookup = _labels.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(label, out var interned))
        {
            var spelled = label.ToString();
            interned = spelled;
            if (foldCase)
            {
                // Keyed by the spelling read; every spelling of a label shares its one lower-case string.
                var lower = spelled.ToLowerInvariant();
                interned = _folded.TryGetValue(lower, out var existing) ? existing : _folded[lower] = lower;
            }

            _labels.Add(spelled, interned);
        }
        return interned;
    }
}

namespace Platform.Shared.Datasets;

/// <summary>
/// Keeps the first occurrence of each text (by <see cref="TextKey"/>). A repeat with the same label set is
/// dropped as <c>duplicate_text</c>; a repeat with a different label set marks the text as conflicting,
/// and every remaining occurrence of it is dropped as <c>conflicting_labels</c>, because the data gives no
/// way to tell which label is right and training on both teaches noise.
/// </summary>
internal sealed class DuplicateFilter(ReportBuilder report)
{
    private readonly Dictionary<string, int> _firstByKey = new(StringComparer.Ordinal);
    private readonly List<LabeledExample> _examples = [];
    private readonly List<bool> _conflicted = [];
    private readonly List<int> _conflictLines = [];

    public void Add(LabeledExample example)
    {
        var key = TextKey.For(example.Text);
        if (!_firstByKey.TryGetValue(key, out var first))
        {
            _firstByKey.Add(key, _examples.Count);
            _examples.Add(example);
            _conflicted.Add(false);
            return;
        }
        if (!_conflicted[first] && SameLabels(_examples[first].Labels, example.Labels))
        {
            report.DuplicateTexts++;
            report.Drop(DropReasonCodes.DuplicateText, example.Line);
            return;
        }
        if (!_conflicted[first])
        {
            _conflicted[first] = true;
            report.ConflictingDuplicates++;
            _conflictLines.Add(_examples[first].Line);
        }
        _conflictLines.Add(example.Line);
    }

    public List<LabeledExample> Kept()
    {
        _conflictLines.Sort();
        foreach (var line in _conflictLines)
        {
            report.Drop(DropReasonCodes.ConflictingLabels, line);
        }
        var kept = new List<LabeledExample>(_examples.Count);
        for (var i = 0; i < _examples.Count; i++)
        {
            if (!_conflicted[i])
            {
                kept.Add(_examples[i]);
            }
        }
        return kept;
    }

    private static bool SameLabels(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a.Count != b.Count)
        {
            return false;
        }
        foreach (var label in a)
        {
            if (!b.Contains(label))
            {
                return false;
            }
        }
        return true;
    }
}

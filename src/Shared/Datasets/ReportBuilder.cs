using System.Runtime.InteropServices;
using Platform.Shared.Text;

namespace Platform.Shared.Datasets;

/// <summary>Mutable tallies collected while reading; frozen into a <see cref="ValidationReport"/>.</summary>
internal sealed class ReportBuilder
{
    private const int LinesPerReason = 10;
    private const int MaxColumnsShown = 50;
    private const int MaxColumnNameChars = 100;

    private readonly Dictionary<string, (int Count, List<int> Lines)> _drops = new(StringComparer.Ordinal);

    public List<string> Warnings { get; } = [];

    public IReadOnlyList<string> Columns { get; set; } = [];

    public char Delimiter { get; set; } = ',';

    public bool IsMultiLabel { get; set; }

    public int RowsRead { get; set; }

    public int DuplicateTexts { get; set; }

    public int ConflictingDuplicates { get; set; }

    public int RowsDropped { get; private set; }

    public LongTextSummary? LongTexts { get; set; }

    public void Drop(string reason, int line)
    {
        RowsDropped++;
        if (!_drops.TryGetValue(reason, out var tally))
        {
            tally = (0, new List<int>(LinesPerReason));
        }
        if (tally.Lines.Count < LinesPerReason)
        {
            tally.Lines.Add(line);
        }
        _drops[reason] = (tally.Count + 1, tally.Lines);
    }

    public string DropSummary() =>
        _drops.Count == 0 ? "none" : string.Join(", ", _drops.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}: {d.Value.Count}"));

    /// <summary>Label to number of examples carrying it, sorted ordinal.</summary>
    public static SortedDictionary<string, int> CountLabels(IReadOnlyList<LabeledExample> examples)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            foreach (var label in example.Labels)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, label, out _);
                count++;
            }
        }
        return new SortedDictionary<string, int>(counts, StringComparer.Ordinal);
    }

    public ValidationReport Build(int kept, SortedDictionary<string, int> distribution, DatasetOptions options, DatasetError? error)
    {
        var rare = distribution.Where(d => d.Value < options.RareClassThreshold).Select(d => new RareClass(d.Key, d.Value)).ToList();
        var warnings = new List<string>(Warnings);
        if (rare.Count > 0)
        {
            warnings.Add($"{rare.Count} class(es) have fewer than {options.RareClassThreshold} examples ({Bounded.List(rare.Select(r => $"{Bounded.Quote(r.Label)}: {r.Count}"))}); " +
                "the model will barely learn them and they may be missing from validation/test splits. Add examples or merge classes.");
        }
        if (LongTexts is { Count: > 0 } longTexts)
        {
            warnings.Add($"{longTexts.Count} text(s) are longer than {longTexts.MaxTokens} tokens and will be truncated in training (first at line {longTexts.Lines[0]}).");
        }
        return new ValidationReport
        {
            RowsRead = RowsRead,
            RowsKept = kept,
            RowsDropped = RowsDropped,
            DropReasons = new SortedDictionary<string, DropReasonSummary>(
                _drops.ToDictionary(d => d.Key, d => new DropReasonSummary(d.Value.Count, d.Value.Lines)), StringComparer.Ordinal),
            LabelDistribution = distribution,
            DuplicateTexts = DuplicateTexts,
            ConflictingDuplicates = ConflictingDuplicates,
            TextsLongerThanMaxTokens = LongTexts,
            RareClasses = rare,
            Warnings = warnings,
            Error = error,
            IsMultiLabel = IsMultiLabel,
            Delimiter = Delimiter.ToString(),
            // A binary or malformed header can hold thousands of "names"; the report keeps a readable start of it.
            ColumnsFound = [.. Columns.Take(MaxColumnsShown).Select(c => Bounded.Message(c, MaxColumnNameChars))],
        };
    }
}

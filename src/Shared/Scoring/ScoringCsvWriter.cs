using System.Globalization;
using Platform.Shared.Text;

namespace Platform.Shared.Scoring;

/// <summary>
/// Writes batch scoring's output CSV (comma-delimited, LF line ends): the input's columns as they were, then
/// <c>label</c> (multi-label models: <c>labels</c>, joined by <c>;</c>) and <c>score_{label}</c> for every label, each
/// score as the predict route writes it. A name the input already uses gets <c>predicted_</c> in front.
/// </summary>
public static class ScoringCsvWriter
{
    public const string LabelColumn = "label";
    public const string LabelsColumn = "labels";
    public const string ScorePrefix = "score_";
    public const char LabelSeparator = ';';

    /// <summary>The output's column names.</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<string> inputColumns, IReadOnlyList<string> labels, bool multiLabel)
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        ArgumentNullException.ThrowIfNull(labels);
        var taken = new HashSet<string>(inputColumns, StringComparer.OrdinalIgnoreCase);
        var columns = new List<string>(inputColumns);
        foreach (var name in labels.Select(l => ScorePrefix + l).Prepend(multiLabel ? LabelsColumn : LabelColumn))
        {
            var unique = name;
            while (!taken.Add(unique))
            {
                unique = "predicted_" + unique;
            }

            columns.Add(unique);
        }

        return columns;
    }

    public static void WriteHeader(TextWriter output, IReadOnlyList<string> inputColumns, IReadOnlyList<string> labels, bool multiLabel)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(string.Join(',', Columns(inputColumns, labels, multiLabel).Select(CsvCells.Escape)));
        output.Write('\n');
    }

    /// <param name="output">Where the row goes.</param>
    /// <param name="cells">The input row's cells, written back as they were (only quoted where needed).</param>
    /// <param name="predicted">The predicted labels (single-label: one).</param>
    /// <param name="labels">The model's labels, in the header's order.</param>
    /// <param name="scores">The probability of every label.</param>
    public static void WriteRow(TextWriter output, IReadOnlyList<string> cells, IReadOnlyList<string> predicted, IReadOnlyList<string> labels, IReadOnlyDictionary<string, float> scores)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        for (var i = 0; i < cells.Count; i++)
        {
            output.Write(CsvCells.Quote(cells[i]));
            output.Write(',');
        }

        output.Write(CsvCells.Escape(string.Join(LabelSeparator, predicted)));
        foreach (var label in labels)
        {
            output.Write(',');
            output.Write(scores.TryGetValue(label, out var score) ? score.ToString(CultureInfo.InvariantCulture) : "");
        }

        output.Write('\n');
    }
}

using System.Globalization;
using System.Text;

namespace Platform.Benchmarks;

/// <summary>Collects figures and notes and prints them as an aligned plain-text table.</summary>
internal sealed class ResultTable
{
    private static readonly string[] Headers = ["Section", "Figure", "Value", "Target", "Status"];
    private readonly List<ResultRow> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(string section, string figure, string value, string target = "", bool? met = null) =>
        _rows.Add(new ResultRow(section, figure, value, target, met));

    public void Note(string note) => _notes.Add(note);

    public static string Format(double value, string format = "N1") => value.ToString(format, CultureInfo.InvariantCulture);

    public string Render()
    {
        var cells = _rows.Select(r => new[] { r.Section, r.Figure, r.Value, r.Target, r.Met switch { true => "met", false => "not met", null => "" } }).ToList();
        var widths = Headers.Select((h, c) => cells.Select(row => row[c].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        AppendLine(text, Headers, widths);
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        string? section = null;
        foreach (var row in cells)
        {
            var shown = row[0] == section ? [.. row.Skip(1).Prepend("")] : row;
            section = row[0];
            AppendLine(text, shown, widths);
        }

        if (_notes.Count > 0)
        {
            text.AppendLine().AppendLine("Notes:");
            foreach (var note in _notes)
            {
                text.Append("  - ").AppendLine(note);
            }
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        // Numbers read best right-aligned; the value column holds them.
        var padded = cells.Select((cell, c) => c == 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        text.AppendLine(string.Join(" | ", padded).TrimEnd());
    }
}

using Platform.Shared.Csv;
using Platform.Shared.Datasets;
using Platform.Shared.Text;

namespace Platform.Shared.Scoring;

/// <summary>The header of a CSV to score: its column names (carried to the output), where the <c>text</c> column is, the delimiter and the header's line.</summary>
public sealed record ScoringHeader(IReadOnlyList<string> Columns, int TextIndex, char Separator, int Line)
{
    /// <summary>The column of texts to score.</summary>
    public const string TextColumn = "text";

    /// <summary>
    /// Reads the header from the start of a file (the bytes up to <see cref="CsvChunkPlan.HeaderEnd"/> are enough); the
    /// delimiter is chosen from it as for training uploads. Null with <paramref name="error"/> when there is no usable header.
    /// </summary>
    public static ScoringHeader? Read(Stream csv, out DatasetError? error)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var text = new StrictUtf8Reader(csv);
        try
        {
            var separator = DelimiterDetector.Detect(text, out var consumed);
            using var all = new PrefixedTextReader(consumed, text);
            using var records = new CsvRecordReader(all, separator);
            if (!records.MoveNext())
            {
                error = records.Error ?? new DatasetError(DatasetErrorCodes.EmptyFile,
                    "The file holds no header: upload a CSV whose first line names its columns, one of them 'text' (e.g. 'id,text'), followed by one row per text to score.", null);
                return null;
            }

            var row = records.Current;
            var names = new string[row.ColCount];
            var textIndex = -1;
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = row[i].Span.Trim().ToString();
                if (textIndex < 0 && names[i].Equals(TextColumn, StringComparison.OrdinalIgnoreCase))
                {
                    textIndex = i;
                }
            }

            if (textIndex < 0)
            {
                error = new DatasetError(DatasetErrorCodes.MissingColumns,
                    $"line {records.Line}: the header has no '{TextColumn}' column (columns found: {Bounded.List(names.Select(n => Bounded.Quote(n)), 10)}). " +
                    $"Name the column of texts to score '{TextColumn}'; every other column is carried to the output as it is.", records.Line);
                return null;
            }

            error = null;
            return new ScoringHeader(names, textIndex, separator, records.Line);
        }
        catch (NotTextException e)
        {
            error = new DatasetError(DatasetErrorCodes.NotText, e.Message, e.Line);
            return null;
        }
    }
}

using nietras.SeparatedValues;
using Platform.Shared.Datasets;

namespace Platform.Shared.Csv;

/// <summary>
/// The one CSV record loop of the platform (Sep, unescaped, no header handling): numbers each record's lines from
/// <c>firstLine</c> (so a chunk cut from the middle of a file reports the file's own line numbers), skips blank records,
/// and stops with a <see cref="DatasetError"/> at a quote that is never closed or a record longer than Sep's limit.
/// Training uploads (<see cref="DatasetParser"/>) and batch scoring read with it.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly SepReader _reader;
    private readonly int _lineOffset;

    /// <param name="text">Decoded text, read to its end; not disposed.</param>
    /// <param name="separator">The delimiter, chosen from the header line (never per row).</param>
    /// <param name="firstLine">The file's line number of the first line of <paramref name="text"/>.</param>
    public CsvRecordReader(TextReader text, char separator, int firstLine = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstLine, 1);
        // Sep's own detection could pick the ';' of multi-label cells: the separator is always given.
        _reader = Sep.New(separator).Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
        }).From(text);
        _lineOffset = firstLine - 1;
        NextLine = firstLine;
    }

    /// <summary>The current record; valid after <see cref="MoveNext"/> returned true.</summary>
    public SepReader.Row Current => _reader.Current;

    /// <summary>The line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>The line after the current record (the first line of the next one).</summary>
    public int NextLine { get; private set; }

    /// <summary>Blank (whitespace-only) records skipped so far.</summary>
    public int BlankLines { get; private set; }

    /// <summary>Set when reading stopped at a record that cannot be read at all.</summary>
    public DatasetError? Error { get; private set; }

    /// <summary>Moves to the next non-blank record; false at the end, or when <see cref="Error"/> got set.</summary>
    public bool MoveNext()
    {
        if (Error is not null)
        {
            return false;
        }

        try
        {
            while (_reader.MoveNext())
            {
                var row = _reader.Current;
                // Sep reports the first record as starting on line 2; every later one is right.
                Line = (row.RowIndex == 0 ? 1 : row.LineNumberFrom) + _lineOffset;
                NextLine = row.LineNumberToExcl + _lineOffset;
                var raw = row.Span;
                if ((raw.Count('"') & 1) != 0)
                {
                    Error = Unterminated(raw, Line);
                    return false;
                }

                if (row.ColCount == 1 && raw.IsWhiteSpace())
                {
                    BlankLines++;
                    continue;
                }

                return true;
            }
        }
        catch (NotSupportedException e) when (e.Message.Contains("maximum supported length", StringComparison.Ordinal))
        {
            Error = new DatasetError(DatasetErrorCodes.RecordTooLarge,
                $"The record starting at line {NextLine} is longer than Sep's limit of 16,777,216 characters, so the file cannot be read. " +
                "Usually the file has no line breaks, or a quote (\") opens a cell and is never closed. Check that line.", NextLine);
        }

        return false;
    }

    public void Dispose() => _reader.Dispose();

    private static DatasetError Unterminated(ReadOnlySpan<char> raw, int recordLine)
    {
        var open = QuoteScanner.FindUnterminated(raw);
        var line = recordLine + raw[..Math.Max(open, 0)].Count('\n');
        // A quote left open earlier is "closed" by the next quote in the file, often hundreds of lines further: the
        // first quoted text that runs over a line break is where the mistake most likely is.
        var first = QuoteScanner.FindFirstMultiline(raw);
        var firstLine = first < 0 ? line : recordLine + raw[..first].Count('\n');
        if (firstLine < line)
        {
            return new DatasetError(DatasetErrorCodes.UnbalancedQuotes,
                $"A quoted cell opened on line {firstLine} runs over line breaks: its quote (\") is most likely never closed, and parsing paired it with a later quote " +
                $"and gave up at line {line}, where a quote is left open. Close the quote on line {firstLine} (or write a literal quote inside a quoted cell as two quotes \"\").", firstLine);
        }

        return new DatasetError(DatasetErrorCodes.UnbalancedQuotes,
            $"A quoted cell starting on line {line} is never closed: its opening quote (\") has no closing quote, so everything up to the end of the file " +
            "would be read as one cell. Close the quote, or write a literal quote inside a quoted cell as two quotes (\"\").", line);
    }
}

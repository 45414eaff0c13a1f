using Platform.Shared.Csv;
using Platform.Shared.Datasets;

namespace Platform.Shared.Scoring;

/// <summary>
/// Reads the data records of one chunk of a CSV to score (<see cref="CsvChunkPlanner"/>), numbering lines as in the
/// whole file. Each record comes back with its cells, or with a line-numbered error: a different number of cells than
/// the header, an empty text, a stray quote; a record that cannot be read at all (an unclosed quote, bytes that are not
/// UTF-8) is the last one returned. Reads as it goes: memory holds one record, whatever the chunk's size.
/// </summary>
public sealed class ScoringRowReader : IDisposable
{
    private readonly StrictUtf8Reader _text;
    private readonly CsvRecordReader? _records;
    private readonly ScoringHeader _header;
    private readonly ScoringRecord? _unreadable;
    private bool _ended;

    /// <param name="chunk">The chunk's bytes (only them); not disposed.</param>
    /// <param name="header">The file's header.</param>
    /// <param name="firstLine">The file's line number of the chunk's first line.</param>
    /// <param name="byteOffset">Where the chunk starts in the file.</param>
    public ScoringRowReader(Stream chunk, ScoringHeader header, int firstLine, long byteOffset)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(header);
        _header = header;
        _text = new StrictUtf8Reader(chunk, firstLine, byteOffset);
        try
        {
            // Sep reads its first block at once.
            _records = new CsvRecordReader(_text, header.Separator, firstLine);
        }
        catch (NotTextException e)
        {
            _unreadable = NotText(e);
        }
    }

    /// <summary>The next record, or null at the end of the chunk (and after a record that could not be read).</summary>
    public ScoringRecord? Next()
    {
        if (_ended)
        {
            return null;
        }

        if (_records is null)
        {
            _ended = true;
            return _unreadable;
        }

        bool moved;
        try
        {
            moved = _records.MoveNext();
        }
        catch (NotTextException e)
        {
            _ended = true;
            return NotText(e);
        }

        if (!moved)
        {
            _ended = true;
            return _records.Error is { } error ? new ScoringRecord(error.Line ?? _records.NextLine, null, error) : null;
        }

        var row = _records.Current;
        var line = _records.Line;
        if (_records.NextLine - line > 1 && QuoteScanner.FindStray(row.Span, _header.Separator) >= 0)
        {
            return Failed(line, DropReasonCodes.StrayQuote,
                $"line {line}: a quote inside an unquoted cell joined lines {line}-{_records.NextLine - 1} into one record; double it (\"\") and quote the cell.");
        }

        if (row.ColCount != _header.Columns.Count)
        {
            return Failed(line, DropReasonCodes.ColumnCountMismatch,
                $"line {line}: the row has {row.ColCount} cells but the header on line {_header.Line} has {_header.Columns.Count}; " +
                $"quote cells that contain {DelimiterDetector.Name(_header.Separator)}.");
        }

        if (row[_header.TextIndex].Span.IsWhiteSpace())
        {
            return Failed(line, DropReasonCodes.EmptyText, $"line {line}: the {ScoringHeader.TextColumn} column is empty");
        }

        var cells = new string[row.ColCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = row[i].ToString();
        }

        return new ScoringRecord(line, cells, null);
    }

    public void Dispose()
    {
        _records?.Dispose();
        _text.Dispose();
    }

    private static ScoringRecord NotText(NotTextException e) => new(e.Line, null, new DatasetError(DatasetErrorCodes.NotText, e.Message, e.Line));

    private static ScoringRecord Failed(int line, string code, string message) => new(line, null, new DatasetError(code, message, line));
}

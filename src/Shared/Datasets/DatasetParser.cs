using nietras.SeparatedValues;

namespace Platform.Shared.Datasets;

/// <summary>One pass of Sep over the upload: finds the header, checks every record and collects examples.</summary>
internal sealed class DatasetParser(DatasetOptions options, ReportBuilder report, char separator)
{

    private int _nextLine = 1;
    private int _blankLines;
    private LabelParser? _labelParser;

    public int? HeaderLine { get; private set; }

    public ColumnLayout? Layout { get; private set; }

    /// <summary>Set when the header is unusable or a record cannot be read at all.</summary>
    public DatasetError? Error { get; private set; }

    /// <summary>Reads all records into <paramref name="duplicates"/>; stops early when <see cref="Error"/> gets set.</summary>
    public void Parse(TextReader text, DuplicateFilter duplicates)
    {
        // The delimiter is chosen from the header line (DelimiterDetector), never per row: Sep's own detection could pick
        // the ';' of multi-label cells.
        using var reader = Sep.New(separator).Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
        }).From(text);
        try
        {
            foreach (var row in reader)
            {
                // Sep reports the first record as starting on line 2; every later one is right.
                var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
                _nextLine = row.LineNumberToExcl;
                var raw = row.Span;
                if ((raw.Count('"') & 1) != 0)
                {
                    Error = Unterminated(raw, line);
                    return;
                }
                if (row.ColCount == 1 && raw.IsWhiteSpace())
                {
                    _blankLines++;
                    continue;
                }
                if (Layout is null)
                {
                    ReadHeader(row, line);
                    if (Error is not null)
                    {
                        return;
                    }
                    continue;
                }
                report.RowsRead++;
                ReadRecord(row, line, raw, duplicates);
            }
        }
        catch (NotSupportedException e) when (e.Message.Contains("maximum supported length", StringComparison.Ordinal))
        {
            Error = new DatasetError(DatasetErrorCodes.RecordTooLarge,
                $"The record starting at line {_nextLine} is longer than Sep's limit of 16,777,216 characters, so the file cannot be read. " +
                "Usually the file has no line breaks, or a quote (\") opens a cell and is never closed. Check that line.", _nextLine);
        }
        if (_blankLines > 0)
        {
            report.Warnings.Add($"{_blankLines} blank line(s) were skipped.");
        }
    }

    private void ReadHeader(SepReader.Row row, int line)
    {
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = row[i].Span.Trim().ToString();
        }
        HeaderLine = line;
        report.Columns = names;
        Layout = ColumnLayout.Resolve(names, options, line, out var error);
        Error = error;
        report.IsMultiLabel = Layout?.IsMultiLabel ?? false;
        _labelParser = new LabelParser(report.IsMultiLabel, options.LabelSeparator, options.FoldLabelCase);
    }

    private void ReadRecord(SepReader.Row row, int line, ReadOnlySpan<char> raw, DuplicateFilter duplicates)
    {
        var layout = Layout!;
        if (row.LineNumberToExcl - line > 1 && QuoteScanner.FindStray(raw, separator) >= 0)
        {
            report.Drop(DropReasonCodes.StrayQuote, line);
            return;
        }
        if (row.ColCount != layout.ColumnCount)
        {
            report.Drop(DropReasonCodes.ColumnCountMismatch, line);
            return;
        }
        if (raw.Length > options.MaxFieldChars && HasOversizedCell(row))
        {
            report.Drop(DropReasonCodes.FieldTooLarge, line);
            return;
        }
        var text = row[layout.TextIndex].Span.Trim();
        if (text.IsEmpty)
        {
            report.Drop(DropReasonCodes.EmptyText, line);
            return;
        }
        var labelCell = row[layout.LabelIndex].Span.Trim();
        var labels = labelCell.IsEmpty ? [] : _labelParser!.Parse(labelCell);
        if (labels.Count == 0)
        {
            report.Drop(DropReasonCodes.EmptyLabel, line);
            return;
        }
        duplicates.Add(new LabeledExample(text.ToString(), labels, line));
    }

    private bool HasOversizedCell(SepReader.Row row)
    {
        for (var i = 0; i < row.ColCount; i++)
        {
            if (row[i].Span.Length > options.MaxFieldChars)
            {
                return true;
            }
        }
        return false;
    }

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

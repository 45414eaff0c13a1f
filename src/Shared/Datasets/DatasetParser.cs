using nietras.SeparatedValues;
using Platform.Shared.Csv;

namespace Platform.Shared.Datasets;

/// <summary>One pass over the upload's records (<see cref="CsvRecordReader"/>): finds the header, checks every record and collects examples.</summary>
internal sealed class DatasetParser(DatasetOptions options, ReportBuilder report, char separator)
{
    private LabelParser? _labelParser;

    public int? HeaderLine { get; private set; }

    public ColumnLayout? Layout { get; private set; }

    /// <summary>Set when the header is unusable or a record cannot be read at all.</summary>
    public DatasetError? Error { get; private set; }

    /// <summary>Reads all records into <paramref name="duplicates"/>; stops early when <see cref="Error"/> gets set.</summary>
    public void Parse(TextReader text, DuplicateFilter duplicates)
    {
        using var records = new CsvRecordReader(text, separator);
        while (records.MoveNext())
        {
            var row = records.Current;
            if (Layout is null)
            {
                ReadHeader(row, records.Line);
                if (Error is not null)
                {
                    return;
                }

                continue;
            }

            report.RowsRead++;
            ReadRecord(row, records.Line, records.NextLine, row.Span, duplicates);
        }

        Error = records.Error;
        if (records.BlankLines > 0 && Error?.Code != DatasetErrorCodes.UnbalancedQuotes)
        {
            report.Warnings.Add($"{records.BlankLines} blank line(s) were skipped.");
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

    private void ReadRecord(SepReader.Row row, int line, int nextLine, ReadOnlySpan<char> raw, DuplicateFilter duplicates)
    {
        var layout = Layout!;
        if (nextLine - line > 1 && QuoteScanner.FindStray(raw, separator) >= 0)
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
}

namespace Platform.Shared.Datasets;

/// <summary>Reads and validates an uploaded CSV of labelled texts; never throws for bad input, rejects with a <see cref="DatasetError"/> instead.</summary>
public static class DatasetReader
{
    /// <summary>Reads <paramref name="csv"/> to its end without modifying or disposing it.</summary>
    /// <param name="csv">UTF-8 CSV, with or without BOM; only read.</param>
    /// <param name="options">Column names and limits.</param>
    /// <param name="countTokens">Optional token counter; when given, texts longer than <see cref="DatasetOptions.MaxTokens"/> are reported.</param>
    public static DatasetReadResult Read(Stream csv, DatasetOptions options, Func<string, int>? countTokens = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(options);
        var report = new ReportBuilder();
        var duplicates = new DuplicateFilter(report);
        using var text = new StrictUtf8Reader(csv);
        DatasetParser parser;
        try
        {
            var delimiter = DelimiterDetector.Detect(text, out var header);
            if (options.Delimiter is { } chosen)
            {
                delimiter = chosen;
            }
            else if (delimiter != DelimiterDetector.Comma)
            {
                report.Warnings.Add($"The file is delimited by {DelimiterDetector.Name(delimiter)}, not commas (detected from the header line); " +
                    "set datasetOptions.delimiter if that is wrong.");
            }

            report.Delimiter = delimiter;
            parser = new DatasetParser(options, report, delimiter);
            using var all = new PrefixedTextReader(header, text);
            parser.Parse(all, duplicates);
        }
        catch (NotTextException e)
        {
            return Reject(report, options, new DatasetError(DatasetErrorCodes.NotText, e.Message, e.Line));
        }
        if (parser.Error is { } parseError)
        {
            return Reject(report, options, parseError);
        }
        if (parser.Layout is null)
        {
            return Reject(report, options, EmptyFile(text));
        }
        if (report.RowsRead == 0)
        {
            return Reject(report, options, new DatasetError(DatasetErrorCodes.NoDataRows,
                $"The file has a header on line {parser.HeaderLine} ({string.Join(", ", report.Columns)}) but no data rows. Add one row per labelled text below the header.",
                parser.HeaderLine));
        }
        var kept = duplicates.Kept();
        if (countTokens is not null)
        {
            report.LongTexts = CountLongTexts(kept, options.MaxTokens, countTokens);
        }
        report.Warnings.AddRange(LabelChecks.Warnings(kept, options, report.IsMultiLabel));
        var distribution = ReportBuilder.CountLabels(kept);
        var error = Check(kept, distribution, options, report);
        if (error is not null)
        {
            return new DatasetReadResult(null, report.Build(kept.Count, distribution, options, error));
        }
        var dataset = new LabeledDataset(kept, [.. distribution.Keys], report.IsMultiLabel);
        return new DatasetReadResult(dataset, report.Build(kept.Count, distribution, options, null));
    }

    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    public static DatasetReadResult Read(string path, DatasetOptions options, Func<string, int>? countTokens = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Read(file, options, countTokens);
    }

    private static DatasetError EmptyFile(StrictUtf8Reader text)
    {
        var what = text.BytesRead == 0 ? "is empty (0 bytes)"
            : text.HadBom && text.BytesRead == 3 ? "contains only a UTF-8 byte order mark"
            : "contains only whitespace";
        return new DatasetError(DatasetErrorCodes.EmptyFile,
            $"The file {what}. Upload a CSV whose first line is a header (e.g. 'text,label') followed by one row per labelled text.", null);
    }

    private static DatasetError? Check(List<LabeledExample> kept, SortedDictionary<string, int> distribution, DatasetOptions options, ReportBuilder report)
    {
        var minimum = Math.Max(options.MinRows, 1);
        if (kept.Count < minimum)
        {
            return new DatasetError(DatasetErrorCodes.TooFewRows,
                $"Only {kept.Count} usable row(s) remain of {report.RowsRead} read ({report.RowsDropped} dropped: {report.DropSummary()}); at least {minimum} are required. " +
                "Add more labelled rows, fix the dropped ones (see dropReasons for line numbers), or lower DatasetOptions.MinRows.", null);
        }
        var labels = distribution.Keys;
        if (labels.Count < 2)
        {
            return new DatasetError(DatasetErrorCodes.SingleClass,
                $"All {kept.Count} usable rows have the single label '{labels.First()}'; a classifier needs at least 2 classes. " +
                "Add rows with other labels, or check that the label column is the right one.", null);
        }
        if (labels.Count > 100 && labels.Count * 2 > kept.Count)
        {
            report.Warnings.Add($"There are {labels.Count} distinct labels for {kept.Count} rows; check that the label column holds labels, not free text.");
        }
        return null;
    }

    private static LongTextSummary CountLongTexts(List<LabeledExample> kept, int maxTokens, Func<string, int> countTokens)
    {
        var count = 0;
        var longest = 0;
        var lines = new List<int>();
        foreach (var example in kept)
        {
            var tokens = countTokens(example.Text);
            longest = Math.Max(longest, tokens);
            if (tokens > maxTokens)
            {
                count++;
                if (lines.Count < 10)
                {
                    lines.Add(example.Line);
                }
            }
        }
        return new LongTextSummary(count, maxTokens, longest, lines);
    }

    private static DatasetReadResult Reject(ReportBuilder report, DatasetOptions options, DatasetError error) =>
        new(null, report.Build(0, new SortedDictionary<string, int>(StringComparer.Ordinal), options, error));
}

using Platform.Shared.Text;

namespace Platform.Shared.Datasets;

/// <summary>Where the text and label cells are, resolved from the header row.</summary>
internal sealed record ColumnLayout(int TextIndex, int LabelIndex, bool IsMultiLabel, int ColumnCount)
{
    /// <summary>Matches header names trimmed and case-insensitively; returns the error to reject with when a column is missing.</summary>
    public static ColumnLayout? Resolve(IReadOnlyList<string> header, DatasetOptions options, int headerLine, out DatasetError? error)
    {
        var textIndex = IndexOf(header, options.TextColumn);
        var labelIndex = IndexOf(header, options.LabelColumn);
        var labelsIndex = IndexOf(header, options.LabelsColumn);
        var multiLabel = options.MultiLabel ?? (labelsIndex >= 0 && labelIndex < 0);
        var labelColumn = multiLabel ? options.LabelsColumn : options.LabelColumn;
        var chosenLabelIndex = multiLabel ? labelsIndex : labelIndex;

        var missing = new List<string>(2);
        if (textIndex < 0)
        {
            missing.Add(options.TextColumn);
        }
        if (chosenLabelIndex < 0)
        {
            missing.Add(options.MultiLabel is null ? $"{options.LabelColumn}' or '{options.LabelsColumn}" : labelColumn);
        }
        if (missing.Count > 0)
        {
            var found = Bounded.List(header.Select(h => Bounded.Quote(h)), 10);
            error = new DatasetError(DatasetErrorCodes.MissingColumns,
                $"Missing column{(missing.Count > 1 ? "s" : "")} {string.Join(" and ", missing.Select(m => $"'{m}'"))} in the header on line {headerLine}. " +
                $"Columns found: {found}. {DelimiterHint(header)}The first line must be a header; rename the columns or set " +
                "DatasetOptions.TextColumn / LabelColumn / LabelsColumn to the names you use.", headerLine);
            return null;
        }
        error = null;
        return new ColumnLayout(textIndex, chosenLabelIndex, multiLabel, header.Count);
    }

    /// <summary>A one-column header holding another delimiter: the delimiter option was set to the wrong one.</summary>
    private static string DelimiterHint(IReadOnlyList<string> header)
    {
        if (header.Count != 1)
        {
            return "";
        }

        var other = DelimiterDetector.Supported.Skip(1).FirstOrDefault(d => header[0].Contains(d, StringComparison.Ordinal));
        return other == default ? "" : $"The header holds {DelimiterDetector.Name(other)}: if the file is delimited by it, set datasetOptions.delimiter to it. ";
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        var wanted = name.AsSpan().Trim();
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].AsSpan().Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}

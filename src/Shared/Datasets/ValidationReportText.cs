using System.Globalization;
using System.Text;

namespace Platform.Shared.Datasets;

/// <summary>Formats a <see cref="ValidationReport"/> for people reading a terminal.</summary>
internal static class ValidationReportText
{
    public static string Format(ValidationReport report)
    {
        var text = new StringBuilder();
        var kind = report.IsMultiLabel ? "multi-label" : "single-label";
        if (report.Error is { } error)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Dataset REJECTED [{error.Code}]{(error.Line is { } l ? $" at line {l}" : "")}:");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {error.Message}");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Dataset accepted ({kind}).");
        }
        if (report.ColumnsFound.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Columns: {string.Join(", ", report.ColumnsFound)}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"Rows: {report.RowsRead:N0} read, {report.RowsKept:N0} kept, {report.RowsDropped:N0} dropped");
        foreach (var (code, summary) in report.DropReasons)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {code}: {summary.Count:N0} ({DropReasonCodes.Hint(code)}) lines {Lines(summary.Lines, summary.Count)}");
        }
        if (report.DuplicateTexts > 0 || report.ConflictingDuplicates > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Duplicates: {report.DuplicateTexts:N0} repeated rows removed; {report.ConflictingDuplicates:N0} texts had conflicting labels and were dropped");
        }
        if (report.LabelDistribution.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Labels ({report.LabelDistribution.Count}, {kind}):");
            var width = report.LabelDistribution.Keys.Max(k => k.Length);
            foreach (var (label, count) in report.LabelDistribution)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {label.PadRight(width)}  {count,8:N0}");
            }
        }
        if (report.RareClasses.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Rare classes: {string.Join(", ", report.RareClasses.Select(r => $"{r.Label} ({r.Count})"))}");
        }
        if (report.TextsLongerThanMaxTokens is { } longTexts)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Texts longer than {longTexts.MaxTokens} tokens: {longTexts.Count:N0} (longest {longTexts.LongestTokens}){(longTexts.Count > 0 ? $", lines {Lines(longTexts.Lines, longTexts.Count)}" : "")}");
        }
        if (report.UnknownTokens is { } unknown)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Unknown tokens in the training split: {unknown.UnknownRate * 100:0.0}% of {unknown.Tokens:N0}{(unknown.AddedTokens > 0 ? $", {unknown.UnknownRateAfter * 100:0.0}% after adding {unknown.AddedTokens:N0} tokens" : "")} ({unknown.Decision})");
            if (unknown.MostFrequentUnknown.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  most frequent before: {string.Join(" ", unknown.MostFrequentUnknown)}");
            }
        }
        if (report.Warnings.Count > 0)
        {
            text.AppendLine("Warnings:");
            foreach (var warning in report.Warnings)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {warning}");
            }
        }
        return text.ToString();
    }

    private static string Lines(IReadOnlyList<int> lines, int count) =>
        string.Join(", ", lines) + (count > lines.Count ? ", ..." : "");
}

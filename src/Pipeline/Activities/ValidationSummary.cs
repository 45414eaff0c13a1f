using Platform.Shared.Datasets;

namespace Platform.Pipeline.Activities;

/// <summary>
/// What orchestration state and output keep of a validation report: counts, the bounded error, and the blob that holds
/// the whole report (<c>jobs/{id}/report.json</c>). Its size does not depend on the upload, so no input can make a job's
/// state too large to store (Azure Storage allows 64 KB a property; the custom status 16 KB).
/// </summary>
/// <param name="RowsRead">Data records read.</param>
/// <param name="RowsKept">Records kept for training.</param>
/// <param name="RowsDropped">Records dropped (reasons and lines in the report).</param>
/// <param name="Labels">Distinct labels among the kept rows.</param>
/// <param name="Warnings">Warnings in the report.</param>
/// <param name="Error">Why the dataset was rejected; its message is at most 1,000 characters.</param>
/// <param name="ReportBlob">The full report in container <c>jobs</c>.</param>
public sealed record ValidationSummary(int RowsRead, int RowsKept, int RowsDropped, int Labels, int Warnings, DatasetError? Error, string ReportBlob)
{
    public static ValidationSummary Of(ValidationReport report, string reportBlob)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ValidationSummary(report.RowsRead, report.RowsKept, report.RowsDropped, report.LabelDistribution.Count, report.Warnings.Count, report.Error, reportBlob);
    }
}

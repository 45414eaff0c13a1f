using Platform.Shared.Datasets;

namespace Platform.Pipeline.Activities;

/// <summary>
/// The validation report's bounded summary (the report itself is in <c>jobs/{id}/report.json</c>) and the split sizes;
/// <see cref="IsValid"/> is false when the report holds an error.
/// </summary>
public sealed record PrepareDatasetResult(ValidationSummary Report, int TrainCount, int ValidationCount, int TestCount)
{
    public bool IsValid => Report.Error is null;
}

using Platform.Shared.Datasets;

namespace Platform.Modeling.FineTuning;

/// <summary>The upload failed validation; the report says why (with line numbers where they apply).</summary>
public sealed class DatasetRejectedException : Exception
{
    public DatasetRejectedException()
    {
        Report = new ValidationReport();
    }

    public DatasetRejectedException(string message) : base(message)
    {
        Report = new ValidationReport();
    }

    public DatasetRejectedException(string message, Exception innerException) : base(message, innerException)
    {
        Report = new ValidationReport();
    }

    public DatasetRejectedException(ValidationReport report) : base(report.Error?.Message ?? "The dataset was rejected.")
    {
        Report = report;
    }

    public ValidationReport Report { get; }
}

namespace Platform.Pipeline.Orchestration;

/// <summary>Values of <see cref="PipelineStatus.Phase"/>, the orchestration's custom status.</summary>
public static class PipelinePhases
{
    public const string Validating = "validating";

    /// <summary>Batch scoring: finding the version and cutting the upload into chunks.</summary>
    public const string Planning = "planning";

    /// <summary>Batch scoring: chunks being scored.</summary>
    public const string Scoring = "scoring";
    public const string Queued = "queued";
    public const string Training = "training";
    public const string Evaluating = "evaluating";
    public const string Publishing = "publishing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

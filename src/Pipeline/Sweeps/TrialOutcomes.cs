namespace Platform.Pipeline.Sweeps;

/// <summary>Values of <see cref="TrialRecord.Outcome"/>.</summary>
public static class TrialOutcomes
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Never started: the sweep was cancelled or ran out of time first.</summary>
    public const string Skipped = "skipped";
}

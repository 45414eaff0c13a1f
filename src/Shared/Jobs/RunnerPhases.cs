namespace Platform.Shared.Jobs;

/// <summary>Values of <see cref="JobStatusDocument.Phase"/>: what the runner is doing with the attempt it received.</summary>
public static class RunnerPhases
{
    public const string Loading = "loading";
    public const string Training = "training";
    public const string Evaluating = "evaluating";
    public const string Packaging = "packaging";
    public const string Uploading = "uploading";
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>The runner stopped (SIGTERM) after a checkpoint and handed the message back for another delivery.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>
    /// True while the runner works on the attempt or once it trained it: every phase except the three in which it let the
    /// attempt go (failed, cancelled, interrupted). Phases reported by the trainer itself count as working.
    /// </summary>
    public static bool HasTakenOver(string? phase) =>
        !string.IsNullOrEmpty(phase) && phase is not (Failed or Cancelled or Interrupted);
}

namespace Platform.Pipeline.Handlers;

/// <summary>The names the handlers share with the training orchestrator: its name, its cancel event and its phases (custom status).</summary>
public static class JobOrchestration
{
    public const string Name = "TrainingOrchestrator";

    /// <summary>External event raised to cancel; its payload is the reason (a string).</summary>
    public const string CancelEvent = "CancelRequested";

    public const string Validating = "validating";
    public const string Queued = "queued";
    public const string Training = "training";
    public const string Evaluating = "evaluating";
    public const string Publishing = "publishing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

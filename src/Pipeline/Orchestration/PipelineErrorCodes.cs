namespace Platform.Pipeline.Orchestration;

/// <summary>Stable codes in <see cref="PipelineResult.ErrorCode"/>.</summary>
public static class PipelineErrorCodes
{
    /// <summary>The dataset was rejected; <see cref="PipelineResult.Validation"/> holds the report.</summary>
    public const string Validation = "validation";

    /// <summary>The upload could not become a job (its options, base model or name); the job's <c>problem.json</c> says why.</summary>
    public const string UploadRejected = "upload_rejected";

    /// <summary>No runner heartbeat after the last allowed dispatch.</summary>
    public const string HeartbeatLost = "heartbeat_lost";

    /// <summary>No runner took the dispatched attempt within the watchdog's queued timeout.</summary>
    public const string NotTaken = "not_taken";

    /// <summary>The runner reported a failure; <see cref="PipelineResult.Error"/> holds its message.</summary>
    public const string TrainingFailed = "training_failed";

    /// <summary>No trial of a sweep finished: all failed, or none ended before <c>maxRuntime</c>.</summary>
    public const string SweepFailed = "sweep_failed";

    /// <summary>An activity failed after its retries.</summary>
    public const string ActivityFailed = "activity_failed";
}

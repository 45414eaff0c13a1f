namespace Platform.Pipeline.Orchestration;

/// <summary>Stable codes in <see cref="PipelineResult.ErrorCode"/>.</summary>
public static class PipelineErrorCodes
{
    /// <summary>The dataset was rejected; <see cref="PipelineResult.Validation"/> holds the report.</summary>
    public const string Validation = "validation";

    /// <summary>No runner heartbeat after the last allowed dispatch.</summary>
    public const string HeartbeatLost = "heartbeat_lost";

    /// <summary>The runner reported a failure; <see cref="PipelineResult.Error"/> holds its message.</summary>
    public const string TrainingFailed = "training_failed";

    /// <summary>An activity failed after its retries.</summary>
    public const string ActivityFailed = "activity_failed";
}

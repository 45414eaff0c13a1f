namespace Platform.Pipeline.Orchestration;

/// <summary>How long the orchestrator waits between heartbeat checks, when a heartbeat counts as lost, and how often it re-dispatches.</summary>
public sealed record WatchdogSettings
{
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>No heartbeat (and no dispatch) for longer than this means the runner is gone.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Dispatches in total, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;
}

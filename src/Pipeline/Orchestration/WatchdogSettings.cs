namespace Platform.Pipeline.Orchestration;

/// <summary>How long the orchestrator waits between heartbeat checks, when a heartbeat counts as lost, and how often it re-dispatches.</summary>
public sealed record WatchdogSettings
{
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>No heartbeat for longer than this, once a runner took the attempt, means the runner is gone: dispatch again.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a dispatched attempt may wait for a runner to take it (no GPU capacity yet, a cold image pull) before the
    /// job fails with <c>not_taken</c>. Not re-dispatched: the message is still on the queue, and a second one would train twice.
    /// </summary>
    public TimeSpan QueuedTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Dispatches in total, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;
}

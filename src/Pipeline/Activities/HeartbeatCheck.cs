using Platform.Shared.Jobs;

namespace Platform.Pipeline.Activities;

/// <summary>
/// What storage says about a dispatched job: the runner's last heartbeat and the attempt it was for (from
/// <c>status.json</c>), and the finished event it recorded (from <c>result.json</c>), which stands in for a
/// <c>TrainingFinished</c> the orchestration never received.
/// </summary>
public sealed record HeartbeatCheck(DateTimeOffset? HeartbeatAt, int? Attempt, TrainingFinished? Finished)
{
    /// <summary>True when the runner has taken <paramref name="attempt"/> (a heartbeat for it, later than its dispatch).</summary>
    public bool Took(int attempt, DateTimeOffset dispatchedAt) => Attempt == attempt && HeartbeatAt > dispatchedAt;
}

namespace Platform.Pipeline.Orchestration;

/// <summary>State carried across <c>ContinueAsNew</c> while a run is out: the attempt in flight, when it was dispatched and the last heartbeat seen.</summary>
public sealed record TrainingWatch(int Attempt, DateTimeOffset DispatchedAt, DateTimeOffset? LastHeartbeat = null);

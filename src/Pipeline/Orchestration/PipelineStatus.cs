namespace Platform.Pipeline.Orchestration;

/// <summary>
/// The orchestration's custom status, for the status handler: the phase (<see cref="PipelinePhases"/>), the dispatch
/// attempt, a short detail, and when the job started (the instance's own creation time moves with each ContinueAsNew).
/// </summary>
public sealed record PipelineStatus(string Phase, int Attempt = 0, string? Detail = null, DateTimeOffset? StartedAt = null);

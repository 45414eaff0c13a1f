namespace Platform.Pipeline.Orchestration;

/// <summary>The orchestration's custom status, for the status handler: the phase (<see cref="PipelinePhases"/>), the dispatch attempt, and a short detail.</summary>
public sealed record PipelineStatus(string Phase, int Attempt = 0, string? Detail = null);

namespace Platform.Pipeline.Scoring;

/// <summary>A scoring job's custom status: the phase (as <see cref="Orchestration.PipelineStatus"/> has it), when it started, a short detail and its progress.</summary>
public sealed record ScoringStatus(string Phase, DateTimeOffset? StartedAt, string? Detail, ScoringProgress Scoring);

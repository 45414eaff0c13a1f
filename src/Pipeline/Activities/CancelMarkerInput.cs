namespace Platform.Pipeline.Activities;

/// <summary>Content of <c>jobs/{id}/cancel</c>: who asked and when (orchestration time, so a re-run writes the same bytes).</summary>
public sealed record CancelMarkerInput(string JobId, string? Reason, DateTimeOffset RequestedAt);

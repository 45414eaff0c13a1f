namespace Platform.Shared.Jobs;

/// <summary>Content of <c>jobs/{id}/cancel</c>: why and when cancellation was asked for; the runner stops when this blob exists, whatever it holds.</summary>
public sealed record CancelMarker(string? Reason, DateTimeOffset RequestedAt);

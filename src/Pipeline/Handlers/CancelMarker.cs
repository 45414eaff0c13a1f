namespace Platform.Pipeline.Handlers;

/// <summary>Content of <c>jobs/{id}/cancel</c>: the runner stops when this blob exists, whatever it holds.</summary>
public sealed record CancelMarker(string Reason, DateTimeOffset RequestedAt);

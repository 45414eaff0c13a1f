namespace Platform.Pipeline.Orchestration;

/// <summary>Payload of the <c>CancelRequested</c> event.</summary>
public sealed record CancelRequest(string? Reason = null);

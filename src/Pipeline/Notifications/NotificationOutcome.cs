namespace Platform.Pipeline.Notifications;

/// <summary>The last delivery of a job event on one channel: which event, how many attempts so far, and how the last one went.</summary>
/// <param name="EventId">The CloudEvents id, <c>{jobId}:{sequence}</c>.</param>
/// <param name="EventType">The CloudEvents type, <c>Platform.Job.{Phase}</c>.</param>
/// <param name="Phase">The phase the event announced.</param>
/// <param name="Attempts">Deliveries of this event on this channel so far.</param>
/// <param name="State"><c>delivered</c>, <c>retrying</c> (an attempt failed and another will follow) or <c>failed</c> (given up; the job went on).</param>
/// <param name="StatusCode">The receiver's HTTP status, when it answered.</param>
/// <param name="Error">Why the last attempt failed; null when it was delivered.</param>
/// <param name="Signed">Whether the webhook request carried a signature (false when no secret is configured); null for Event Grid.</param>
/// <param name="At">When the last attempt ended.</param>
public sealed record NotificationOutcome(
    string EventId,
    string EventType,
    string Phase,
    int Attempts,
    string State,
    int? StatusCode,
    string? Error,
    bool? Signed,
    DateTimeOffset At)
{
    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    public const string Failed = "failed";
}

namespace Platform.Pipeline.Notifications;

/// <summary>Input of <see cref="Activities.NotifyJobEvent"/>: one event for one channel, with everything its bytes are made from.</summary>
/// <param name="Channel">Where this delivery goes.</param>
/// <param name="Webhook">The job's webhook (null for Event Grid).</param>
/// <param name="Time">The orchestration's time of the phase change: the same on every retry and replay.</param>
/// <param name="Data">The event's data.</param>
/// <param name="MaxAttempts">The retry policy's attempts, so the delivery record can say when an event was given up.</param>
public sealed record JobEventNotification(NotificationChannel Channel, Uri? Webhook, DateTimeOffset Time, JobEventData Data, int MaxAttempts);

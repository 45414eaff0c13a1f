namespace Platform.Pipeline.Notifications;

/// <summary>Content of <c>jobs/{id}/notifications.json</c>, shown as <c>notifications</c> in the job view: the last delivery per channel.</summary>
public sealed record JobNotificationsRecord(NotificationOutcome? Webhook, NotificationOutcome? EventGrid)
{
    public NotificationOutcome? For(NotificationChannel channel) => channel == NotificationChannel.Webhook ? Webhook : EventGrid;

    public JobNotificationsRecord With(NotificationChannel channel, NotificationOutcome outcome) =>
        channel == NotificationChannel.Webhook ? this with { Webhook = outcome } : this with { EventGrid = outcome };
}

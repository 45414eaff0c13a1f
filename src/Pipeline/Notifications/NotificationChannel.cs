namespace Platform.Pipeline.Notifications;

/// <summary>Where a job event is delivered; each channel is retried and recorded on its own.</summary>
public enum NotificationChannel
{
    Webhook,
    EventGrid,
}

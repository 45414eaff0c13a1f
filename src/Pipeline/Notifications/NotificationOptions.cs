namespace Platform.Pipeline.Notifications;

/// <summary>How job events are signed, retried and where else they go; bound from the <c>Notifications</c> section.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>
    /// The HMAC-SHA256 key of the <c>X-Platform-Signature</c> header (a Key Vault reference in Azure); when unset, webhooks
    /// are posted unsigned and the delivery record says so.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>An Event Grid custom topic (CloudEvents input schema) that gets every job's events, reached with the app's credential; unset: none.</summary>
    public Uri? EventGridTopicEndpoint { get; set; }

    /// <summary>Deliveries of one event to one channel in total, the first included (durable activity retries).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; each further wait is <see cref="BackoffCoefficient"/> times the one before.</summary>
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    public double BackoffCoefficient { get; set; } = 2;

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

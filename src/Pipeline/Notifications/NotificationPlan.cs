using Microsoft.DurableTask;

namespace Platform.Pipeline.Notifications;

/// <summary>
/// What the orchestration notifies and how it retries, fixed when the job starts (orchestrator code reads no configuration):
/// the job's webhook, whether the platform's Event Grid topic gets the events too, and the retry policy of each delivery.
/// </summary>
public sealed record NotificationPlan(Uri? Webhook, bool EventGrid, int MaxAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient)
{
    /// <summary>The channels in the order each event is delivered to them.</summary>
    public IEnumerable<NotificationChannel> Channels()
    {
        if (Webhook is not null)
        {
            yield return NotificationChannel.Webhook;
        }

        if (EventGrid)
        {
            yield return NotificationChannel.EventGrid;
        }
    }

    public TaskOptions Retry() => TaskOptions.FromRetryPolicy(new RetryPolicy(MaxAttempts, FirstRetryInterval, BackoffCoefficient));

    /// <summary>The plan for a job with <paramref name="notify"/>; null when nothing is to be notified (no webhook, no topic configured).</summary>
    public static NotificationPlan? For(NotifyOptions? notify, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var eventGrid = options.EventGridTopicEndpoint is not null;
        return notify is null && !eventGrid
            ? null
            : new NotificationPlan(notify?.Webhook, eventGrid, Math.Max(1, options.MaxAttempts), options.FirstRetryInterval, options.BackoffCoefficient);
    }
}

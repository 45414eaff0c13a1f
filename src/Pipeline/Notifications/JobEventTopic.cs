using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace Platform.Pipeline.Notifications;

/// <summary>The platform's Event Grid custom topic, or none (DevHost): every job's events go there too when it is configured.</summary>
public sealed class JobEventTopic(EventGridPublisherClient? client)
{
    public bool IsConfigured => client is not null;

    /// <summary>Publishes one event; throws when the topic refuses it or cannot be reached, so the activity's retry policy retries it.</summary>
    public async Task<int> SendAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var topic = client ?? throw new InvalidOperationException("No Event Grid topic is configured (Notifications:EventGridTopicEndpoint).");
        using var response = await topic.SendEventAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
        return response.Status;
    }
}

using System.Text.Json;
using Azure.Messaging;
using Platform.Pipeline.Handlers;

namespace Platform.Pipeline.Notifications;

/// <summary>
/// The CloudEvents 1.0 envelope of a job event, the same for the webhook and Event Grid: id <c>{jobId}:{sequence}</c>,
/// source <c>/api/jobs/{jobId}</c>, subject <c>{model}/{jobId}</c>, type <c>Platform.Job.{Phase}</c>, time from the orchestration.
/// </summary>
public static class JobEvents
{
    public const string TypePrefix = "Platform.Job.";

    /// <summary>The structured-mode media type of a webhook's body.</summary>
    public const string ContentType = "application/cloudevents+json";

    /// <summary><c>training</c> → <c>Platform.Job.Training</c>.</summary>
    public static string Type(string phase)
    {
        ArgumentException.ThrowIfNullOrEmpty(phase);
        return TypePrefix + char.ToUpperInvariant(phase[0]) + phase[1..];
    }

    public static string Id(string jobId, int sequence) => $"{jobId}:{sequence}";

    public static CloudEvent Create(JobEventNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var data = notification.Data;
        return new CloudEvent(Routes.Job(data.JobId), Type(data.Phase), BinaryData.FromObjectAsJson(data, HandlerJson.Options), "application/json", CloudEventDataFormat.Json)
        {
            Id = Id(data.JobId, data.Sequence),
            Subject = $"{data.Model}/{data.JobId}",
            Time = notification.Time,
        };
    }

    /// <summary>The event as a webhook receives it: structured-mode JSON, the bytes the signature is computed over.</summary>
    public static byte[] Serialize(CloudEvent cloudEvent) => JsonSerializer.SerializeToUtf8Bytes(cloudEvent);
}

using System.Runtime.ExceptionServices;
using System.Text.Json;
using Azure;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;
using Platform.Shared.Text;

namespace Platform.Pipeline.Activities;

/// <summary>
/// Delivers one job event to one channel (the job's webhook or the platform's Event Grid topic) and records how it went in
/// <c>jobs/{id}/notifications.json</c>, counting the attempts at the same event. A failed delivery throws after recording
/// it, so the orchestrator's retry policy tries again; the orchestrator catches the last failure and goes on with the job.
/// </summary>
public sealed partial class NotifyJobEvent(PipelineStorage storage, JobEventWebhook webhook, JobEventTopic topic, ILogger<NotifyJobEvent> logger)
    : TaskActivity<JobEventNotification, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, JobEventNotification input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cloudEvent = JobEvents.Create(input);
        var blob = storage.Jobs.GetBlobClient(PipelineBlobs.Notifications(input.Data.JobId));
        var record = await blob.DownloadTextOrNullAsync() is { } stored
            ? JsonSerializer.Deserialize<JobNotificationsRecord>(stored.Text, WireJson.Options) ?? new JobNotificationsRecord(null, null)
            : new JobNotificationsRecord(null, null);
        var attempts = record.For(input.Channel) is { } last && last.EventId == cloudEvent.Id ? last.Attempts + 1 : 1;

        int? status;
        Exception? failure = null;
        try
        {
            status = input.Channel == NotificationChannel.Webhook
                ? await webhook.PostAsync(input.Webhook ?? throw new InvalidOperationException("A webhook event needs the job's webhook."), JobEvents.Serialize(cloudEvent), CancellationToken.None)
                : await topic.SendAsync(cloudEvent, CancellationToken.None);
        }
        catch (WebhookDeliveryException e)
        {
            (status, failure) = (e.StatusCode, e);
        }
        catch (RequestFailedException e)
        {
            (status, failure) = (e.Status == 0 ? null : e.Status, e);
        }
        catch (OperationCanceledException e)
        {
            (status, failure) = (null, e);
        }

        var state = failure is null ? NotificationOutcome.Delivered
            : attempts >= input.MaxAttempts ? NotificationOutcome.Failed
            : NotificationOutcome.Retrying;
        var outcome = new NotificationOutcome(cloudEvent.Id, cloudEvent.Type, input.Data.Phase, attempts, state, status,
            failure is null ? null : Bounded.Message(failure.Message), input.Channel == NotificationChannel.Webhook ? webhook.Signs : null, DateTimeOffset.UtcNow);
        await blob.UploadJsonAsync(record.With(input.Channel, outcome));
        if (failure is null)
        {
            LogDelivered(input.Data.JobId, cloudEvent.Type, input.Channel, attempts, status);
            return true;
        }

        LogFailed(input.Data.JobId, cloudEvent.Type, input.Channel, attempts, input.MaxAttempts, outcome.Error);
        ExceptionDispatchInfo.Throw(failure);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: event {EventType} delivered to {Channel} at attempt {Attempts} ({StatusCode})")]
    private partial void LogDelivered(string jobId, string eventType, NotificationChannel channel, int attempts, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: event {EventType} not delivered to {Channel} (attempt {Attempts} of {MaxAttempts}): {Error}")]
    private partial void LogFailed(string jobId, string eventType, NotificationChannel channel, int attempts, int maxAttempts, string? error);
}

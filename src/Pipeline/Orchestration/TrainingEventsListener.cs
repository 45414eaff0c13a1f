using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Storage;

namespace Platform.Pipeline.Orchestration;

/// <summary>
/// Polls the <c>training-events</c> storage queue and raises <c>TrainingFinished</c> on the job's orchestration, deleting
/// each message once raised. Host-agnostic (DevHost runs it; Functions uses a queue trigger instead). A message that
/// cannot be parsed, or was received more than <see cref="PipelineOptions.EventsMaxDequeueCount"/> times, is logged and deleted.
/// </summary>
public sealed class TrainingEventsListener(
    PipelineStorage storage, DurableTaskClient durable, IOptions<PipelineOptions> options, ILogger<TrainingEventsListener> logger)
{
    private readonly PipelineOptions _options = options.Value;

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await PollOnceAsync(cancellationToken) == 0)
                {
                    await Task.Delay(_options.EventsPollInterval, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Azure.RequestFailedException e)
            {
                logger.LogWarning("Reading queue {Queue} failed, retrying: {Reason}", storage.TrainingEvents.Name, e.Message);
                await Task.Delay(_options.EventsPollInterval, cancellationToken);
            }
        }
    }

    /// <summary>Receives one batch and handles it; returns the number of messages received.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        var queue = storage.TrainingEvents;
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, _options.EventsVisibilityTimeout, cancellationToken);
        foreach (var message in messages)
        {
            await HandleAsync(message, cancellationToken);
        }

        return messages.Length;
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var queue = storage.TrainingEvents;
        if (message.DequeueCount > _options.EventsMaxDequeueCount)
        {
            logger.LogError("Poison message {MessageId} on {Queue} after {DequeueCount} receives, deleted: {Body}",
                message.MessageId, queue.Name, message.DequeueCount, message.Body.ToString());
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return;
        }

        if (!TrainingEventMessage.TryParse(message.Body.ToString(), out var finished, out var problem))
        {
            logger.LogError("Unreadable message {MessageId} on {Queue}, deleted: {Reason}", message.MessageId, queue.Name, problem);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return;
        }

        try
        {
            await durable.RaiseEventAsync(finished!.JobId, PipelineEvents.TrainingFinished, finished, cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            logger.LogInformation("Job {JobId}: raised TrainingFinished ({Outcome}, attempt {Attempt})", finished.JobId, finished.Outcome, finished.Attempt);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left on the queue: it becomes visible again after the visibility timeout and counts towards the poison limit.
            logger.LogWarning("Job {JobId}: raising TrainingFinished failed (receive {DequeueCount}), will retry: {Reason}",
                finished!.JobId, message.DequeueCount, e.Message);
        }
    }
}

using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Runner.Hosting;
using Platform.Shared.Configuration;
using Platform.Shared.Jobs;

namespace Platform.Runner.Messaging;

/// <summary>
/// Sends <see cref="TrainingFinished"/> to the storage queue <c>training-events</c> as JSON; the encoding
/// (plain text by default) comes from <see cref="StorageSettings.EventsMessageEncoding"/> on the queue client.
/// </summary>
internal sealed class TrainingEventPublisher(QueueServiceClient queues, IOptions<StorageSettings> settings, ILogger<TrainingEventPublisher> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private QueueClient? _queue;

    public async Task PublishAsync(TrainingFinished finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var queue = await QueueAsync(cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(finished, WireJson.Options), cancellationToken);
        RunnerLog.EventSent(logger, finished.JobId, finished.Attempt, finished.Outcome, queue.Name);
    }

    private async Task<QueueClient> QueueAsync(CancellationToken cancellationToken)
    {
        if (_queue is not null)
        {
            return _queue;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_queue is null)
            {
                var queue = queues.GetQueueClient(settings.Value.EventsQueue);
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _queue = queue;
            }

            return _queue;
        }
        finally
        {
            _gate.Release();
        }
    }
}

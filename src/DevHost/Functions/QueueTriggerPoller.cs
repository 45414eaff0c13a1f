using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Platform.DevHost.Functions;

/// <summary>
/// The local stand-in for the Storage queue trigger: polls each <c>[QueueTrigger]</c> function's queue and invokes the
/// function with the message text, deleting the message when it returns. As the Functions host does, a message whose
/// function throws becomes visible again after the visibility timeout, and one that failed
/// <see cref="QueueTriggerSettings.MaxDequeueCount"/> times moves to <c>{queue}-poison</c>. The limits are read from the
/// Functions app's own <c>host.json</c>.
/// </summary>
public sealed partial class QueueTriggerPoller(
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    QueueServiceClient queues,
    IConfiguration configuration,
    IOptions<DevHostOptions> options,
    ILogger<QueueTriggerPoller> logger) : BackgroundService
{
    // Long enough for any queue function of the app; a failure shortens it to host.json's visibilityTimeout.
    private static readonly TimeSpan ReceiveVisibility = TimeSpan.FromMinutes(1);
    private readonly QueueTriggerSettings _settings = QueueTriggerSettings.FromHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.WithTrigger<QueueTriggerAttribute>().Select(function => PollAsync(function, stoppingToken)));

    /// <summary>Receives and handles one batch of <paramref name="function"/>'s queue; returns the number of messages received.</summary>
    public async Task<int> PollOnceAsync(FunctionDescriptor function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var queue = QueueOf(function);
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, ReceiveVisibility, cancellationToken);
        foreach (var message in messages)
        {
            await HandleAsync(function, queue, message, cancellationToken);
        }

        return messages.Length;
    }

    private async Task PollAsync(FunctionDescriptor function, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var queue = QueueOf(function);
        LogPolling(logger, function.Name, queue.Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                if (await PollOnceAsync(function, stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e)
            {
                LogReadFailed(logger, queue.Name, e.Message);
            }

            await Task.Delay(options.Value.QueuePollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task HandleAsync(FunctionDescriptor function, QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await invoker.InvokeAsync(function, new InvocationInputs(message.Body.ToString(), cancellationToken)
            {
                BindingData = new Dictionary<string, object?> { ["id"] = message.MessageId, ["dequeueCount"] = message.DequeueCount },
            });
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount < _settings.MaxDequeueCount)
            {
                // Left on the queue: visible again after the visibility timeout, as the host retries.
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: cancellationToken);
                LogFailed(logger, function.Name, message.MessageId, message.DequeueCount, e);
                return;
            }

            var poison = queues.GetQueueClient(queue.Name + "-poison");
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            LogPoisoned(logger, function.Name, message.MessageId, message.DequeueCount, poison.Name, e);
        }
    }

    private QueueClient QueueOf(FunctionDescriptor function) =>
        queues.GetQueueClient(BindingExpressions.Resolve(function.TriggerAs<QueueTriggerAttribute>()!.QueueName, configuration));

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {Function}: polling queue {Queue}")]
    private static partial void LogPolling(ILogger logger, string function, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading queue {Queue} failed, retrying: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function} failed on message {MessageId} (receive {DequeueCount}); it will be retried")]
    private static partial void LogFailed(ILogger logger, string function, string messageId, long dequeueCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed on message {MessageId} {DequeueCount} times; moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, long dequeueCount, string poisonQueue, Exception exception);
}

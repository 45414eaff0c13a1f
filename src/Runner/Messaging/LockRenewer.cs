using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace Platform.Runner.Messaging;

/// <summary>
/// Keeps a received message locked while <c>serve --once</c> works on it (the processor does this itself in
/// <c>serve</c>): renews at half the remaining lock time, up to <c>maxDuration</c>.
/// </summary>
internal sealed class LockRenewer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LockRenewer(ServiceBusReceiver receiver, ServiceBusReceivedMessage message, TimeSpan maxDuration, ILogger logger)
    {
        _loop = RenewAsync(receiver, message, DateTimeOffset.UtcNow + maxDuration, logger, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RenewAsync(ServiceBusReceiver receiver, ServiceBusReceivedMessage message, DateTimeOffset until, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            while (DateTimeOffset.UtcNow < until)
            {
                var wait = (message.LockedUntil - DateTimeOffset.UtcNow) / 2;
                await Task.Delay(wait < TimeSpan.FromMilliseconds(500) ? TimeSpan.FromMilliseconds(500) : wait, cancellationToken);
                try
                {
                    // Updates message.LockedUntil.
                    await receiver.RenewMessageLockAsync(message, cancellationToken);
                }
                catch (ServiceBusException ex) when (ex.IsTransient)
                {
                    RunnerLog.LockRenewalFailed(logger, message.MessageId, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Work finished.
        }
        catch (ServiceBusException ex)
        {
            RunnerLog.LockRenewalFailed(logger, message.MessageId, ex);
        }
    }
}

using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Runner.Jobs;
using Platform.Runner.Messaging;
using Platform.Shared.Configuration;

namespace Platform.Runner.Hosting;

/// <summary>
/// <c>serve --once</c> (a Container Apps event-driven job execution): wait up to <see cref="RunnerSettings.OnceWaitTime"/>
/// for one message, process it, stop the host. Exit code 1 only when the message went back to the queue.
/// </summary>
internal sealed class SingleMessageWorker(
    ServiceBusClient client,
    JobProcessor processor,
    IOptions<ServiceBusSettings> serviceBus,
    IOptions<RunnerSettings> runner,
    RunnerExitCode exitCode,
    IHostApplicationLifetime lifetime,
    ILogger<SingleMessageWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            exitCode.Value = await ProcessOneAsync(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            exitCode.Value = 0;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task<int> ProcessOneAsync(CancellationToken stoppingToken)
    {
        var queue = serviceBus.Value.QueueName;
        await using var receiver = client.CreateReceiver(queue, new ServiceBusReceiverOptions { PrefetchCount = 0, ReceiveMode = ServiceBusReceiveMode.PeekLock });
        var wait = runner.Value.OnceWaitTime;
        var message = await receiver.ReceiveMessageAsync(wait, stoppingToken);
        if (message is null)
        {
            RunnerLog.NoMessage(logger, queue, wait);
            return 0;
        }

        await using var renewal = new LockRenewer(receiver, message, serviceBus.Value.MaxAutoLockRenewalDuration, logger);
        var outcome = await processor.ProcessAsync(message, new ReceiverSettler(receiver, message), stoppingToken);
        return outcome == MessageOutcome.Abandoned ? 1 : 0;
    }
}

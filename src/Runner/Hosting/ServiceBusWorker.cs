using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Runner.Jobs;
using Platform.Runner.Messaging;
using Platform.Shared.Configuration;

namespace Platform.Runner.Hosting;

/// <summary>
/// <c>serve</c>: a processor on <c>training-jobs</c> with one call at a time (one job per device), manual
/// settlement and the lock renewed for as long as a job may take. Stopping cancels the job in progress,
/// which checkpoints and abandons its message before the processor stops.
/// </summary>
internal sealed class ServiceBusWorker(
    ServiceBusClient client,
    JobProcessor processor,
    IOptions<ServiceBusSettings> settings,
    IHostApplicationLifetime lifetime,
    ILogger<ServiceBusWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // ApplicationStopping fires first when the host is asked to stop; the job reacts at its next step.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var options = settings.Value;
        await using var serviceBus = client.CreateProcessor(options.QueueName, new ServiceBusProcessorOptions
        {
            MaxConcurrentCalls = 1,
            PrefetchCount = 0,
            AutoCompleteMessages = false,
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            MaxAutoLockRenewalDuration = options.MaxAutoLockRenewalDuration,
        });
        serviceBus.ProcessMessageAsync += async args =>
        {
            try
            {
                await processor.ProcessAsync(args.Message, new ProcessorSettler(args), stopping.Token);
            }
            catch (Exception ex) when (ex is ServiceBusException or Azure.RequestFailedException)
            {
                // Settling failed; the lock lapses and the message is delivered again.
                RunnerLog.SettlementFailed(logger, args.Message.MessageId, ex);
            }
        };
        serviceBus.ProcessErrorAsync += args =>
        {
            RunnerLog.ServiceBusError(logger, args.ErrorSource.ToString(), args.EntityPath, args.Exception);
            return Task.CompletedTask;
        };

        await serviceBus.StartProcessingAsync(CancellationToken.None);
        RunnerLog.Listening(logger, options.QueueName);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the job in progress sees the token, checkpoints and abandons its message.
        }

        await serviceBus.StopProcessingAsync(CancellationToken.None);
    }
}

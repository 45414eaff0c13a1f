using Microsoft.Extensions.Options;
using Platform.ServiceBusEmulator;
using Platform.ServiceBusEmulator.Configuration;
using Platform.ServiceBusEmulator.Hosting;
using Platform.Shared.Jobs;

namespace Platform.DevHost.Hosting;

/// <summary>
/// The Service Bus the platform talks to: <c>ServiceBus:ConnectionString</c> when configured (the official emulator or a
/// real namespace), otherwise the in-process ServiceBusEmulator, started on first use and stopped with the host.
/// </summary>
public sealed partial class LocalServiceBus : IAsyncDisposable
{
    private readonly ServiceBusEmulatorHost? _broker;

    public LocalServiceBus(IConfiguration configuration, IOptions<DevHostOptions> options, ILoggerFactory loggerFactory)
    {
        var configured = configuration["ServiceBus:ConnectionString"];
        var logger = loggerFactory.CreateLogger<LocalServiceBus>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            LogConfigured(logger);
            return;
        }

        _broker = ServiceBusEmulatorHost.Start(BrokerOptions(options.Value.BrokerLockDuration, options.Value.BrokerPort), loggerFactory);
        ConnectionString = _broker.ConnectionString;
        LogStarted(logger, _broker.Port, ConnectionString);
    }

    public string ConnectionString { get; }

    /// <summary>True when the broker is this process's own: it starts empty, so whatever was queued before a restart is gone.</summary>
    public bool InProcess => _broker is not null;

    /// <summary><c>training-jobs</c> with duplicate detection, as in Azure, so a re-dispatched job is not trained twice.</summary>
    public static ServiceBusEmulatorOptions BrokerOptions(TimeSpan lockDuration, int port = 0) => new()
    {
        Port = port,
        Queues =
        [
            new QueueConfig(StorageNames.TrainingJobsQueue, new QueueProperties
            {
                LockDuration = lockDuration,
                MaxDeliveryCount = 5,
                RequiresDuplicateDetection = true,
                DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(10),
            }),
        ],
    };

    public ValueTask DisposeAsync() => _broker?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Service Bus: using ServiceBus:ConnectionString")]
    private static partial void LogConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service Bus: in-process emulator on 127.0.0.1:{Port} (a runner in another process connects with ServiceBus__ConnectionString=\"{ConnectionString}\")")]
    private static partial void LogStarted(ILogger logger, int port, string connectionString);
}

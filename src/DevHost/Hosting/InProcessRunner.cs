using Microsoft.Extensions.Options;
using Platform.Shared.Configuration;
using Platform.Runner.Hosting;

namespace Platform.DevHost.Hosting;

/// <summary>
/// The GPU job runner's <c>serve</c> host (its own DI container, so its SDK clients and options stay its own) running in
/// this process against the same Storage and Service Bus; stopped with DevHost as SIGTERM would stop it.
/// </summary>
public sealed partial class InProcessRunner(
    IConfiguration configuration, IOptions<StorageSettings> storage, IOptions<ServiceBusSettings> serviceBus, ILogger<InProcessRunner> logger, int number = 1) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield so host start-up is not held while the runner builds its container.
        await Task.Yield();
        // Only the Runner and Telemetry sections of DevHost's configuration travel (device, work folder, timers; console export), then the Storage and
        // ServiceBus settings as DevHost resolved them (Azurite by default, its own broker), so both sides agree.
        var s = storage.Value;
        var b = serviceBus.Value;
        var travelling = configuration.GetSection("Runner").AsEnumerable().Concat(configuration.GetSection("Telemetry").AsEnumerable());
        var settings = new Dictionary<string, string?>(travelling.Where(pair => pair.Value is not null))
        {
            ["ServiceBus:ConnectionString"] = b.ConnectionString,
            ["ServiceBus:FullyQualifiedNamespace"] = b.FullyQualifiedNamespace,
            ["ServiceBus:QueueName"] = b.QueueName,
            ["Storage:ConnectionString"] = s.ConnectionString,
            ["Storage:BlobServiceUri"] = s.BlobServiceUri?.ToString(),
            ["Storage:QueueServiceUri"] = s.QueueServiceUri?.ToString(),
            ["Storage:JobsContainer"] = s.JobsContainer,
            ["Storage:BaseModelsContainer"] = s.BaseModelsContainer,
            ["Storage:EventsQueue"] = s.EventsQueue,
        };
        using var host = RunnerHost.Build(once: false, settings);
        LogStarting(logger, number);
        var exitCode = await RunnerHost.RunAsync(host, stoppingToken);
        LogStopped(logger, number, exitCode);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runner {Number}: serving training-jobs in process")]
    private static partial void LogStarting(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runner {Number}: stopped with exit code {ExitCode}")]
    private static partial void LogStopped(ILogger logger, int number, int exitCode);
}

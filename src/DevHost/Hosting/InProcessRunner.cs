using Microsoft.Extensions.Options;
using Platform.Pipeline;
using Platform.Runner.Hosting;

namespace Platform.DevHost.Hosting;

/// <summary>
/// The GPU job runner's <c>serve</c> host (its own DI container, so its SDK clients and options stay its own) running in
/// this process against the same Storage and Service Bus; stopped with DevHost as SIGTERM would stop it.
/// </summary>
public sealed partial class InProcessRunner(
    IConfiguration configuration, IOptions<PipelineOptions> pipeline, ILogger<InProcessRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield so host start-up is not held while the runner builds its container.
        await Task.Yield();
        var options = pipeline.Value;
        // Only the Runner section of DevHost's configuration travels (device, work folder, timers), then the endpoints and
        // names the orchestration uses, so both sides agree whatever Storage:*, ServiceBus:* or Pipeline:* say.
        var settings = new Dictionary<string, string?>(configuration.GetSection("Runner").AsEnumerable().Where(pair => pair.Value is not null))
        {
            ["ServiceBus:ConnectionString"] = options.ServiceBusConnectionString,
            ["ServiceBus:FullyQualifiedNamespace"] = options.ServiceBusFullyQualifiedNamespace,
            ["ServiceBus:QueueName"] = options.TrainingJobsQueue,
            ["Storage:ConnectionString"] = options.StorageConnectionString,
            ["Storage:BlobServiceUri"] = options.BlobServiceUri?.ToString(),
            ["Storage:QueueServiceUri"] = options.QueueServiceUri?.ToString(),
            ["Storage:JobsContainer"] = options.JobsContainer,
            ["Storage:EventsQueue"] = options.TrainingEventsQueue,
        };
        using var host = RunnerHost.Build(once: false, builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
        });
        LogStarting(logger);
        var exitCode = await RunnerHost.RunAsync(host, stoppingToken);
        LogStopped(logger, exitCode);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runner: serving training-jobs in process")]
    private static partial void LogStarting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runner: stopped with exit code {ExitCode}")]
    private static partial void LogStopped(ILogger logger, int exitCode);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Runner.Hosting;
using Platform.Runner.Jobs;
using Platform.Runner.Messaging;
using Platform.Runner.Storage;
using Platform.Shared.Configuration;
using Platform.Shared.Telemetry;

namespace Platform.Runner;

/// <summary>Registrations of the training consumer: options, Azure clients, the job pipeline and the worker.</summary>
public static class RunnerExtensions
{
    /// <summary>
    /// Adds the runner to <paramref name="builder"/>: with <paramref name="once"/>, one message then the host stops
    /// (<c>serve --once</c>), else a worker until the host stops. It registers its own SDK clients, so it belongs in a
    /// host of its own (<see cref="RunnerHost"/>), not next to another component's clients.
    /// </summary>
    public static IHostApplicationBuilder AddRunner(this IHostApplicationBuilder builder, bool once = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ServiceBusSettings>().BindConfiguration(ServiceBusSettings.Section)
            .Validate(s => s.IsConfigured, ServiceBusSettings.NotConfigured)
            .ValidateOnStart();
        services.AddOptions<StorageSettings>().BindConfiguration(StorageSettings.Section)
            .Validate(s => s.IsConfigured, StorageSettings.NotConfigured)
            .ValidateOnStart();
        services.AddOptions<RunnerSettings>().BindConfiguration(RunnerSettings.Section)
            .Validate(s => s.Device is "auto" or "cpu" or "cuda", "Runner:Device must be auto, cpu or cuda.")
            .ValidateOnStart();

        services.AddPlatformAzureClients();

        services.AddSingleton<JobStorage>();
        services.AddSingleton<SplitsLoader>();
        services.AddSingleton<BaseModelDownloader>();
        services.AddSingleton<ICheckpointMirror, BlobCheckpointMirror>();
        services.AddSingleton<TrainingEventPublisher>();
        services.AddSingleton<JobExecution>();
        services.AddSingleton<JobProcessor>();
        services.AddSingleton<RunnerExitCode>();
        // The runner has no other channel to Application Insights: logs (with the job scope) go through OpenTelemetry too.
        builder.AddPlatformOpenTelemetry([RunnerTelemetry.Name], exportLogs: true);
        if (once)
        {
            services.AddHostedService<SingleMessageWorker>();
        }
        else
        {
            services.AddHostedService<ServiceBusWorker>();
        }

        return builder;
    }
}

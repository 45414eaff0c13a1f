using System.Net;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.DevHost.Durable;
using Platform.DevHost.Hosting;
using Platform.DevHost.Watchers;
using Platform.Pipeline;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.DevHost;

/// <summary>Registrations of the local host: the Functions app's Pipeline services plus what Azure would otherwise provide.</summary>
internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // The Durable Task sidecar is a gRPC web host in this process; its per-call request logs drown the pipeline's own.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        services.AddOptions<DevHostOptions>().BindConfiguration(DevHostOptions.Section)
            .Validate(o => o.Port is >= 0 and <= 65535, "DevHost:Port must be 0-65535.")
            .Validate(o => o.BrokerPort is >= 0 and <= 65535, "DevHost:BrokerPort must be 0-65535.")
            .Validate(o => o.WatchInterval > TimeSpan.Zero, "DevHost:WatchInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<DevHostOptions>>((kestrel, options) => kestrel.Listen(IPAddress.Loopback, options.Value.Port));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LocalServiceBus>();
        services.AddPipeline(builder.Configuration);
        // Same keys as the Functions app (Storage:ConnectionString, ServiceBus:ConnectionString); Pipeline:* still wins when set.
        services.AddOptions<PipelineOptions>().PostConfigure<LocalServiceBus>((pipeline, bus) =>
        {
            var storage = builder.Configuration["Storage:ConnectionString"];
            if (!string.IsNullOrWhiteSpace(storage) && builder.Configuration["Pipeline:StorageConnectionString"] is null)
            {
                pipeline.StorageConnectionString = storage;
            }

            if (string.IsNullOrWhiteSpace(pipeline.ServiceBusConnectionString) && string.IsNullOrWhiteSpace(pipeline.ServiceBusFullyQualifiedNamespace))
            {
                pipeline.ServiceBusConnectionString = bus.ConnectionString;
            }
        });

        // The handlers read the same containers the orchestration writes, including renamed ones.
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<PipelineStorage>();
            var baseModels = sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.BaseModelsContainer);
            return new HandlerContainers(storage.Datasets, storage.Jobs, storage.Models, baseModels);
        });
        services.AddPipelineHandlers();

        // Order matters: hosted services start in registration order, and Azurite must answer before anything polls it
        // (the Durable sidecar creates its task hub there).
        services.AddHostedService<AzuriteGuard>();
        builder.AddDurableBackend(tasks => tasks.AddPipelineTasks());
        services.AddHostedService<DispatchRecovery>();
        services.AddHostedService<TrainingEventsService>();
        services.AddHostedService<DatasetWatcher>();
        if (builder.Configuration.GetValue(DevHostOptions.Section + ":" + nameof(DevHostOptions.RunRunner), true))
        {
            services.AddHostedService<InProcessRunner>();
        }
    }
}

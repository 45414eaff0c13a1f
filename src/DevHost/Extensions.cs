using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.DevHost.Durable;
using Platform.DevHost.Functions;
using Platform.DevHost.Hosting;
using Platform.DevHost.Watchers;
using Platform.Functions;
using Platform.Shared.Configuration;

namespace Platform.DevHost;

/// <summary>
/// The local host of the Functions app: the app's own composition (<see cref="Platform.Functions.Extensions.AddPlatformServices"/>)
/// and function classes, plus local stand-ins for what Azure provides — Azurite guard, Service Bus broker, Durable sidecar,
/// blob watcher and queue poller in place of the triggers, and the in-process runner.
/// </summary>
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
            .Validate(o => o.QueuePollInterval > TimeSpan.Zero, "DevHost:QueuePollInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<DevHostOptions>>((kestrel, options) => kestrel.Listen(IPAddress.Loopback, options.Value.Port));

        builder.AddPlatformServices();

        // Local stand-ins from here on.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LocalServiceBus>();
        // No Service Bus configured: DevHost's own broker.
        services.AddOptions<ServiceBusSettings>().PostConfigure<LocalServiceBus>((serviceBus, bus) =>
        {
            if (!serviceBus.IsConfigured)
            {
                serviceBus.ConnectionString = bus.ConnectionString;
            }
        });

        // The function classes, run as the worker runs them: HTTP routes (mapped in DevHostApplication), the blob watcher,
        // the queue poller and the Durable worker all invoke them through one invoker.
        var catalog = new FunctionCatalog(typeof(Platform.Functions.Extensions).Assembly);
        services.AddSingleton(catalog);
        services.AddSingleton<FunctionInvoker>();
        services.AddMvcCore();

        // Order matters: hosted services start in registration order, and Azurite must answer before anything polls it
        // (the Durable sidecar creates its task hub there).
        services.AddHostedService<AzuriteGuard>();
        builder.AddDurableBackend(tasks => tasks.AddFunctionTasks(catalog));
        services.AddHostedService<DispatchRecovery>();
        services.AddHostedService<QueueTriggerPoller>();
        // One watcher per blob trigger (datasets, scoring), each calling its own function; AddHostedService would keep one.
        foreach (var trigger in catalog.WithTrigger<BlobTriggerAttribute>())
        {
            services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<BlobTriggerWatcher>(provider, trigger));
        }

        if (builder.Configuration.GetValue(DevHostOptions.Section + ":" + nameof(DevHostOptions.RunRunner), true))
        {
            var runners = builder.Configuration.GetValue(DevHostOptions.Section + ":" + nameof(DevHostOptions.Runners), 1);
            if (runners is < 1 or > DevHostOptions.MaxRunners)
            {
                throw new InvalidOperationException($"{DevHostOptions.Section}:{nameof(DevHostOptions.Runners)} must be from 1 to {DevHostOptions.MaxRunners} (got {runners}).");
            }

            // One hosted service per runner (AddHostedService would keep only one of a type).
            for (var number = 1; number <= runners; number++)
            {
                var n = number;
                services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<InProcessRunner>(provider, n));
            }
        }
    }
}

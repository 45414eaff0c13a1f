using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;
using Platform.Shared.Configuration;

namespace Platform.DevHost.Durable;

/// <summary>
/// The Durable Task sidecar: a gRPC endpoint on loopback (its own small Kestrel host, HTTP/2 only) serving the task hub
/// protocol over <see cref="AzureStorageOrchestrationService"/> — the provider Durable Functions uses in Azure — on the
/// platform's storage account. Orchestrations therefore outlive a DevHost restart, as they outlive a Functions restart.
/// </summary>
public sealed partial class DurableSidecar(string address, IServiceProvider services) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = services.GetRequiredService<ILogger<DurableSidecar>>();
    private WebApplication? _host;

    public string Address => address;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<DurableBackendOptions>>().Value;
        var connectionString = services.GetRequiredService<IOptions<StorageSettings>>().Value.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The Durable backend on Azure Storage needs Storage:ConnectionString (Azurite: UseDevelopmentStorage=true). Set {DurableBackendOptions.Section}:Backend to InMemory to run without it.");
        }

        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(new Uri(address).ToIPEndPoint(), listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        // The dispatchers get the guarded service; queries, purges and starts go to the provider itself.
        builder.Services.AddSingleton<IOrchestrationService>(new StartStopGuard(service));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _host = builder.Build();
        _host.MapGrpcService<TaskHubGrpcServer>();
        await _host.StartAsync(cancellationToken);
        LogStarted(_logger, options.TaskHub, address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_host is not null)
        {
            // Stopping the host stops the dispatchers, then the orchestration service's own background work.
            await _host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task: task hub {TaskHub} on Azure Storage, sidecar at {Address}")]
    private static partial void LogStarted(ILogger logger, string taskHub, string address);
}

internal static class UriExtensions
{
    public static System.Net.IPEndPoint ToIPEndPoint(this Uri uri) => new(System.Net.IPAddress.Parse(uri.Host), uri.Port);
}

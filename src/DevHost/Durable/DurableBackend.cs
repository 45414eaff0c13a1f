using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;

namespace Platform.DevHost.Durable;

/// <summary>
/// Registers the Durable Task worker and client the Pipeline uses. Both speak gRPC to a sidecar in this process
/// (<see cref="DurableSidecar"/>, the same protocol the Functions host's Durable extension serves), which keeps state in
/// Azure Storage on Azurite by default, or in memory.
/// </summary>
public static class DurableBackend
{
    public static void AddDurableBackend(this IHostApplicationBuilder builder, Action<DurableTaskRegistry> tasks)
    {
        var options = builder.Configuration.GetSection(DurableBackendOptions.Section).Get<DurableBackendOptions>() ?? new DurableBackendOptions();
        if (!DurableBackendOptions.IsValidTaskHubName(options.TaskHub))
        {
            throw new InvalidOperationException($"{DurableBackendOptions.Section}:TaskHub '{options.TaskHub}' is not a valid task hub name: use 3-45 letters and digits, starting with a letter.");
        }

        if (options.SidecarPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"{DurableBackendOptions.Section}:SidecarPort must be 0-65535.");
        }

        builder.Services.AddOptions<DurableBackendOptions>().BindConfiguration(DurableBackendOptions.Section);
        builder.Logging.AddFilter("DurableTask.AzureStorage", LogLevel.Warning);
        builder.Logging.AddFilter("DurableTask.Core", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning);

        if (options.Backend == DurableBackendKind.InMemory)
        {
            builder.Services.AddInMemoryDurableTask(tasks, new InMemoryDurableTaskOptions { Port = options.SidecarPort == 0 ? FreeLoopbackPort() : options.SidecarPort });
            return;
        }

        var address = $"http://127.0.0.1:{(options.SidecarPort == 0 ? FreeLoopbackPort() : options.SidecarPort)}";
        builder.Services.AddSingleton(sp => new DurableSidecar(address, sp));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableSidecar>());
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(address);
            worker.AddTasks(tasks);
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(address);
            client.RegisterDirectly();
        });
    }

    /// <summary>Removes a task hub's tables, queues and containers from the storage account.</summary>
    public static Task DeleteTaskHubAsync(string storageConnectionString, string taskHub) =>
        new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
        }).DeleteAsync();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

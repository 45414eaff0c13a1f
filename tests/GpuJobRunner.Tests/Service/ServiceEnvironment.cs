using System.Diagnostics;
using System.Net.Sockets;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Platform.ServiceBusEmulator;
using Platform.ServiceBusEmulator.Configuration;
using Platform.ServiceBusEmulator.Hosting;
using Platform.Shared.Jobs;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>
/// Shared by the service tests: the in-process Service Bus broker (queues created on first use, short locks,
/// few deliveries) and Azurite on its default ports (started with scripts/azurite.sh when none is listening).
/// </summary>
public sealed class ServiceEnvironment : IAsyncLifetime
{
    public const string StorageConnectionString = "UseDevelopmentStorage=true";

    private ServiceBusEmulatorHost? _broker;

    public string ServiceBusConnectionString => _broker!.ConnectionString;

    public ServiceBusClient ServiceBus { get; private set; } = null!;

    public BlobContainerClient Jobs { get; } = new BlobServiceClient(StorageConnectionString).GetBlobContainerClient(StorageNames.JobsContainer);

    public async Task InitializeAsync()
    {
        _broker = ServiceBusEmulatorHost.Start(new ServiceBusEmulatorOptions
        {
            Port = 0,
            AutoCreateQueues = true,
            DefaultQueueProperties = new QueueProperties { LockDuration = TimeSpan.FromSeconds(10), MaxDeliveryCount = 5 },
        });
        ServiceBus = new ServiceBusClient(ServiceBusConnectionString);
        await EnsureAzuriteAsync();
        await Jobs.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await ServiceBus.DisposeAsync();
        await _broker!.DisposeAsync();
    }

    private static async Task EnsureAzuriteAsync()
    {
        if (await ListeningAsync(10000) && await ListeningAsync(10001))
        {
            return;
        }

        var script = Path.Combine(RepositoryRoot(), "scripts", "azurite.sh");
        using var start = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { UseShellExecute = false })!;
        await start.WaitForExitAsync();
        Assert.True(start.ExitCode == 0, "Azurite is not running and scripts/azurite.sh start failed.");
    }

    private static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}

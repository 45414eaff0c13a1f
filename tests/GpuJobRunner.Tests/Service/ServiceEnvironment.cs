using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Platform.ServiceBusEmulator;
using Platform.ServiceBusEmulator.Configuration;
using Platform.ServiceBusEmulator.Hosting;
using Platform.Shared.Jobs;
using Platform.TestSupport;

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
        await AzuriteRunner.EnsureStartedAsync();
        await Jobs.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await ServiceBus.DisposeAsync();
        await _broker!.DisposeAsync();
    }
}

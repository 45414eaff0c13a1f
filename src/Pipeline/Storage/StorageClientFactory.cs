using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Platform.Pipeline.Storage;

/// <summary>SDK clients from <see cref="PipelineOptions"/>: connection strings locally, endpoints plus a managed identity in Azure.</summary>
public static class StorageClientFactory
{
    public static BlobServiceClient CreateBlobServiceClient(PipelineOptions options) =>
        !string.IsNullOrWhiteSpace(options.StorageConnectionString) ? new BlobServiceClient(options.StorageConnectionString)
        : options.BlobServiceUri is { } uri ? new BlobServiceClient(uri, Credential(options))
        : throw Missing("StorageConnectionString or BlobServiceUri");

    public static QueueServiceClient CreateQueueServiceClient(PipelineOptions options) =>
        !string.IsNullOrWhiteSpace(options.StorageConnectionString) ? new QueueServiceClient(options.StorageConnectionString)
        : options.QueueServiceUri is { } uri ? new QueueServiceClient(uri, Credential(options))
        : throw Missing("StorageConnectionString or QueueServiceUri");

    public static ServiceBusClient CreateServiceBusClient(PipelineOptions options) =>
        !string.IsNullOrWhiteSpace(options.ServiceBusConnectionString) ? new ServiceBusClient(options.ServiceBusConnectionString)
        : !string.IsNullOrWhiteSpace(options.ServiceBusFullyQualifiedNamespace) ? new ServiceBusClient(options.ServiceBusFullyQualifiedNamespace, Credential(options))
        : throw Missing("ServiceBusConnectionString or ServiceBusFullyQualifiedNamespace");

    private static TokenCredential Credential(PipelineOptions options) => string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
        ? new DefaultAzureCredential()
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));

    private static InvalidOperationException Missing(string what) =>
        new($"Configuration section '{PipelineOptions.SectionName}' sets neither {what}.");
}

using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Shared.Configuration;

/// <summary>
/// The SDK clients every part builds from <see cref="StorageSettings"/> and <see cref="ServiceBusSettings"/>: a connection
/// string where one is set, else the endpoint with <see cref="DefaultAzureCredential"/> (managed identity in Azure, with
/// <c>AZURE_CLIENT_ID</c> naming a user-assigned one; developer credentials elsewhere).
/// </summary>
public static class AzureClients
{
    public static TokenCredential Credential() => new DefaultAzureCredential();

    public static BlobServiceClient Blobs(StorageSettings settings, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.HasConnectionString ? new BlobServiceClient(settings.ConnectionString)
            : settings.BlobServiceUri is { } uri ? new BlobServiceClient(uri, credential)
            : throw new InvalidOperationException(StorageSettings.NotConfigured);
    }

    public static QueueServiceClient Queues(StorageSettings settings, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new QueueClientOptions { MessageEncoding = settings.EventsMessageEncoding };
        return settings.HasConnectionString ? new QueueServiceClient(settings.ConnectionString, options)
            : settings.QueueServiceUri is { } uri ? new QueueServiceClient(uri, credential, options)
            : throw new InvalidOperationException(StorageSettings.NotConfigured);
    }

    public static ServiceBusClient ServiceBus(ServiceBusSettings settings, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return !string.IsNullOrWhiteSpace(settings.ConnectionString) ? new ServiceBusClient(settings.ConnectionString)
            : !string.IsNullOrWhiteSpace(settings.FullyQualifiedNamespace) ? new ServiceBusClient(settings.FullyQualifiedNamespace, credential)
            : throw new InvalidOperationException(ServiceBusSettings.NotConfigured);
    }
}

/// <summary>The registration of <see cref="AzureClients"/> every host's container makes, once, where none is registered yet.</summary>
public static class AzureClientRegistrations
{
    /// <summary>A <see cref="TokenCredential"/> and the blob, queue and Service Bus clients, each built from the bound settings on first use.</summary>
    public static IServiceCollection AddPlatformAzureClients(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => AzureClients.Credential());
        services.TryAddSingleton(sp => AzureClients.Blobs(sp.GetRequiredService<IOptions<StorageSettings>>().Value, sp.GetRequiredService<TokenCredential>()));
        services.TryAddSingleton(sp => AzureClients.Queues(sp.GetRequiredService<IOptions<StorageSettings>>().Value, sp.GetRequiredService<TokenCredential>()));
        services.TryAddSingleton(sp => AzureClients.ServiceBus(sp.GetRequiredService<IOptions<ServiceBusSettings>>().Value, sp.GetRequiredService<TokenCredential>()));
        return services;
    }
}

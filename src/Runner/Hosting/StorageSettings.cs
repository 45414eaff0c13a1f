using Azure.Storage.Queues;

namespace Platform.Runner.Hosting;

/// <summary>Section <c>Storage</c>: a connection string, or blob and queue endpoints reached with managed identity.</summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    /// <summary><c>UseDevelopmentStorage=true</c> for Azurite.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public string JobsContainer { get; set; } = Shared.Jobs.StorageNames.JobsContainer;

    public string EventsQueue { get; set; } = Shared.Jobs.StorageNames.TrainingEventsQueue;

    /// <summary>Where a base model that is not built in is found, as the folder <c>{name}/</c>.</summary>
    public string BaseModelsContainer { get; set; } = Shared.Jobs.StorageNames.BaseModelsContainer;

    /// <summary>
    /// <c>None</c> (plain JSON text, the default) or <c>Base64</c>. The consumer must agree: an Azure Functions
    /// queue trigger needs <c>"extensions": { "queues": { "messageEncoding": "none" } }</c> in host.json for plain text.
    /// </summary>
    public QueueMessageEncoding EventsMessageEncoding { get; set; } = QueueMessageEncoding.None;

    public bool HasConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public bool IsConfigured => HasConnectionString || (BlobServiceUri is not null && QueueServiceUri is not null);
}

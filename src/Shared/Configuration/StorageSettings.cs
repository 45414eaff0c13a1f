using Azure.Storage.Queues;
using Platform.Shared.Jobs;

namespace Platform.Shared.Configuration;

/// <summary>
/// Section <c>Storage</c>, read alike by the Functions app, the runner and DevHost: the account (a connection string, or
/// blob and queue endpoints reached with managed identity; <c>AZURE_CLIENT_ID</c> picks a user-assigned one) and the
/// names of the platform's containers and event queue.
/// </summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    /// <summary><c>UseDevelopmentStorage=true</c> for Azurite.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>Where users upload CSVs; the blob trigger's path names this setting.</summary>
    public string DatasetsContainer { get; set; } = StorageNames.DatasetsContainer;

    public string JobsContainer { get; set; } = StorageNames.JobsContainer;

    public string ModelsContainer { get; set; } = StorageNames.ModelsContainer;

    /// <summary>Where a base model that is not built in is found, as the folder <c>{name}/</c>.</summary>
    public string BaseModelsContainer { get; set; } = StorageNames.BaseModelsContainer;

    /// <summary>Where users upload CSVs to score as <c>{model}/{name}.csv</c>; the scoring blob trigger's path names this setting.</summary>
    public string ScoringContainer { get; set; } = StorageNames.ScoringContainer;

    /// <summary>Where batch scoring writes <c>{model}/{name}.predictions.csv</c>.</summary>
    public string ScoringResultsContainer { get; set; } = StorageNames.ScoringResultsContainer;

    /// <summary>The runner's <c>TrainingFinished</c> events; the queue trigger names this setting.</summary>
    public string EventsQueue { get; set; } = StorageNames.TrainingEventsQueue;

    /// <summary>
    /// <c>None</c> (plain JSON text, the default) or <c>Base64</c>, as the runner writes events. The consumer must agree: the
    /// Functions queue trigger reads plain text because host.json sets <c>"messageEncoding": "none"</c>.
    /// </summary>
    public QueueMessageEncoding EventsMessageEncoding { get; set; } = QueueMessageEncoding.None;

    public bool HasConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public bool IsConfigured => HasConnectionString || (BlobServiceUri is not null && QueueServiceUri is not null);

    public const string NotConfigured = "Set Storage:ConnectionString, or both Storage:BlobServiceUri and Storage:QueueServiceUri.";
}

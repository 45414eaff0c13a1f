using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline;

/// <summary>Where the pipeline keeps its data and how it watches and promotes runs; bound from the <c>Pipeline</c> configuration section.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Storage connection string; when empty, the service URIs and a managed identity are used (Azurite when neither is set).</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>Blob endpoint for identity-based access, e.g. <c>https://account.blob.core.windows.net</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Queue endpoint for identity-based access, e.g. <c>https://account.queue.core.windows.net</c>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Service Bus connection string; when empty, <see cref="ServiceBusFullyQualifiedNamespace"/> and a managed identity are used.</summary>
    public string? ServiceBusConnectionString { get; set; }

    /// <summary>e.g. <c>namespace.servicebus.windows.net</c>.</summary>
    public string? ServiceBusFullyQualifiedNamespace { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one or developer credentials.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string DatasetsContainer { get; set; } = StorageNames.DatasetsContainer;

    public string JobsContainer { get; set; } = StorageNames.JobsContainer;

    public string ModelsContainer { get; set; } = StorageNames.ModelsContainer;

    public string BaseModelsContainer { get; set; } = StorageNames.BaseModelsContainer;

    public string TrainingJobsQueue { get; set; } = StorageNames.TrainingJobsQueue;

    public string TrainingEventsQueue { get; set; } = StorageNames.TrainingEventsQueue;

    /// <summary>Job options used where a request does not set them.</summary>
    public JobDefaults Defaults { get; set; } = new();

    /// <summary>How the orchestrator watches a dispatched run.</summary>
    public WatchdogSettings Watchdog { get; set; } = new();

    /// <summary>When a published version becomes <c>current</c>.</summary>
    public PromotionGate Promotion { get; set; } = new();

    /// <summary>At most this many test examples are scored, sampled evenly within each label.</summary>
    public int EvaluationMaxExamples { get; set; } = 2000;
}

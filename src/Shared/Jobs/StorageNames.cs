namespace Platform.Shared.Jobs;

/// <summary>Names of the containers and queues the platform uses (see the storage layout in the README).</summary>
public static class StorageNames
{
    /// <summary>User uploads; never modified or deleted by the platform.</summary>
    public const string DatasetsContainer = "datasets";

    /// <summary><c>{id}/data/</c>, <c>report.json</c>, <c>status.json</c>, <c>checkpoints/</c>, <c>model/</c>, <c>cancel</c>.</summary>
    public const string JobsContainer = "jobs";

    /// <summary><c>{model}/{version}/</c> and <c>{model}/current.json</c>.</summary>
    public const string ModelsContainer = "models";

    /// <summary>Batch scoring inputs <c>{model}/{name}.csv</c>; never modified or deleted by the platform.</summary>
    public const string ScoringContainer = "scoring";

    /// <summary>Batch scoring outputs <c>{model}/{name}.predictions.csv</c>.</summary>
    public const string ScoringResultsContainer = "scoring-results";

    /// <summary>Optional Hugging Face-format base models.</summary>
    public const string BaseModelsContainer = "base-models";

    /// <summary>Service Bus queue: dispatch of training jobs to the runner.</summary>
    public const string TrainingJobsQueue = "training-jobs";

    /// <summary>Storage queue: runner → orchestration.</summary>
    public const string TrainingEventsQueue = "training-events";
}

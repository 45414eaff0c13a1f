namespace Platform.Functions.Tests;

/// <summary>The functions the app must declare, with their triggers and HTTP routes: one list for the build-time metadata and the running worker.</summary>
internal static class ExpectedFunctions
{
    public static IReadOnlyDictionary<string, string> Triggers { get; } = new Dictionary<string, string>
    {
        ["DatasetUploaded"] = "blobTrigger",
        ["ScoringUploaded"] = "blobTrigger",
        ["TrainingEvents"] = "queueTrigger",
        ["StartJob"] = "httpTrigger",
        ["ListJobs"] = "httpTrigger",
        ["GetJob"] = "httpTrigger",
        ["CancelJob"] = "httpTrigger",
        ["ListModels"] = "httpTrigger",
        ["GetModel"] = "httpTrigger",
        ["PromoteModel"] = "httpTrigger",
        ["Predict"] = "httpTrigger",
        ["GetModelVersion"] = "httpTrigger",
        ["GetModelCard"] = "httpTrigger",
        ["PrepareUpload"] = "httpTrigger",
        ["UploadStatus"] = "httpTrigger",
        ["UploadDataset"] = "httpTrigger",
        ["WebConsole"] = "httpTrigger",
        ["TrainingOrchestrator"] = "orchestrationTrigger",
        ["PrepareDataset"] = "activityTrigger",
        ["DispatchTraining"] = "activityTrigger",
        ["CheckHeartbeat"] = "activityTrigger",
        ["EvaluateModel"] = "activityTrigger",
        ["PublishModel"] = "activityTrigger",
        ["WriteCancelMarker"] = "activityTrigger",
        ["RecordSweep"] = "activityTrigger",
        ["AdoptTrialModel"] = "activityTrigger",
        ["ScoringOrchestrator"] = "orchestrationTrigger",
        ["PlanScoring"] = "activityTrigger",
        ["ScoreChunk"] = "activityTrigger",
        ["CommitScoring"] = "activityTrigger",
        ["NotifyJobEvent"] = "activityTrigger",
    };

    public static IReadOnlyDictionary<string, HttpRoute> HttpRoutes { get; } = new Dictionary<string, HttpRoute>
    {
        ["StartJob"] = new("jobs", "post"),
        ["ListJobs"] = new("jobs", "get"),
        ["GetJob"] = new("jobs/{id}", "get"),
        ["CancelJob"] = new("jobs/{id}/cancel", "post"),
        ["ListModels"] = new("models", "get"),
        ["GetModel"] = new("models/{model}", "get"),
        ["PromoteModel"] = new("models/{model}/current", "post"),
        ["Predict"] = new("models/{model}/predict", "post"),
        ["GetModelVersion"] = new("models/{model}/versions/{version}", "get"),
        ["GetModelCard"] = new("models/{model}/versions/{version}/card", "get"),
        ["PrepareUpload"] = new("uploads", "post"),
        ["UploadStatus"] = new("uploads/{*name}", "get"),
        ["UploadDataset"] = new("datasets/{*name}", "put"),
        ["WebConsole"] = new("console/{*path}", "get", "Anonymous"),
    };
}

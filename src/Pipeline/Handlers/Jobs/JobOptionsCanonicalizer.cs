using System.Text.Json;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// The canonical JSON of a job's options that goes into its id: every option written (defaults too) in
/// declaration order, so an omitted option and the same value spelled out give the same id. Blob triggers
/// should use this too, so an upload and an HTTP start with the same options meet on one job.
/// </summary>
public static class JobOptionsCanonicalizer
{
    public static string ToJson(string baseModel, TrainingOptions training, DatasetOptions dataset) =>
        JsonSerializer.Serialize(new CanonicalOptions(baseModel, training, dataset), HandlerJson.Canonical);

    private sealed record CanonicalOptions(string BaseModel, TrainingOptions Training, DatasetOptions Dataset);
}

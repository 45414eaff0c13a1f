using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Sweeps;
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
    /// <summary>
    /// A sweep (its expanded trials, parallelism and time limit) and a webhook are part of the id (a job notifies the one
    /// webhook it was started with); without them the JSON is what it always was.
    /// </summary>
    public static string ToJson(string baseModel, TrainingOptions training, DatasetOptions dataset, SweepPlan? sweep = null, NotifyOptions? notify = null) =>
        JsonSerializer.Serialize(new CanonicalOptions(baseModel, training, dataset, sweep, notify), HandlerJson.Canonical);

    private sealed record CanonicalOptions(
        string BaseModel,
        TrainingOptions Training,
        DatasetOptions Dataset,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SweepPlan? Sweep,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotifyOptions? Notify);
}

using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Training;

namespace Platform.Pipeline.Orchestration;

/// <summary>
/// Input of <see cref="TrainingOrchestrator"/>: what to train and how the run is watched and promoted.
/// Starters leave <see cref="Watch"/> null; the orchestrator sets it when it continues as new.
/// </summary>
public sealed record TrainingPipelineInput(
    string JobId,
    string Model,
    string DatasetBlob,
    string BaseModel,
    TrainingOptions Training,
    DatasetOptions Dataset,
    SplitOptions Split,
    PromotionGate Promotion,
    WatchdogSettings Watchdog,
    int EvaluationMaxExamples)
{
    public TrainingWatch? Watch { get; init; }

    /// <summary>Set for an upload refused before it could train: the job ends failed at once, with this as its error.</summary>
    public UploadRejection? Rejection { get; init; }

    /// <summary>When the job's first execution began; the orchestrator sets it once and carries it across ContinueAsNew.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The message that dispatches <paramref name="attempt"/> of this job.</summary>
    public TrainingJobRequested Dispatch(int attempt, DateTimeOffset requestedAt) =>
        new(JobId, attempt, Model, BaseModel, Training, Dataset, requestedAt);

    /// <summary>An input with the watchdog, gate and evaluation cap from <paramref name="options"/>.</summary>
    public static TrainingPipelineInput Create(
        string jobId, string model, string datasetBlob, string baseModel, TrainingOptions training, DatasetOptions dataset, PipelineOptions options, SplitOptions? split = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(jobId, model, datasetBlob, baseModel, training, dataset, split ?? new SplitOptions(), options.Promotion, options.Watchdog, options.EvaluationMaxExamples);
    }
}

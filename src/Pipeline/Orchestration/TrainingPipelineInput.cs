using Platform.Pipeline.Notifications;
using Platform.Pipeline.Sweeps;
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

    /// <summary>Set for a sweep: its trials run as child orchestrations, and only the best is evaluated and published.</summary>
    public SweepPlan? Sweep { get; init; }

    /// <summary>Set for one trial of a sweep: it trains on the sweep's splits and ends when the runner does, unevaluated.</summary>
    public TrialRun? Trial { get; init; }

    /// <summary>What this job notifies on each change of phase (its webhook, the platform's topic) and how; null for nothing.</summary>
    public NotificationPlan? Notifications { get; init; }

    /// <summary>The last phase notified and the events sent so far; the orchestrator carries it across ContinueAsNew.</summary>
    public NotificationCursor? Notified { get; init; }

    /// <summary>The message that dispatches <paramref name="attempt"/> of this job.</summary>
    public TrainingJobRequested Dispatch(int attempt, DateTimeOffset requestedAt) =>
        new(JobId, attempt, Model, BaseModel, Training, Dataset, requestedAt) { DataJobId = Trial?.SweepJobId };

    /// <summary>The input of trial <paramref name="trial"/> of this sweep: its own id and training options, the sweep's data and timers.</summary>
    public TrainingPipelineInput ForTrial(SweepTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return this with
        {
            JobId = TrialRun.JobId(JobId, trial.Number),
            Training = trial.Training,
            Sweep = null,
            Trial = new TrialRun(JobId, trial.Number),
            Watch = null,
            StartedAt = null,
            // A sweep notifies for itself, not per trial.
            Notifications = null,
            Notified = null,
        };
    }

    /// <summary>An input with the watchdog, gate and evaluation cap from <paramref name="options"/>.</summary>
    public static TrainingPipelineInput Create(
        string jobId, string model, string datasetBlob, string baseModel, TrainingOptions training, DatasetOptions dataset, PipelineOptions options, SplitOptions? split = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(jobId, model, datasetBlob, baseModel, training, dataset, split ?? new SplitOptions(), options.Promotion, options.Watchdog, options.EvaluationMaxExamples);
    }
}

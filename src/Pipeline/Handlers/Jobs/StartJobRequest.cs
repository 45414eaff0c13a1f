using Platform.Pipeline.Notifications;
using Platform.Pipeline.Sweeps;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>A validated <c>POST /api/jobs</c> body.</summary>
public sealed record StartJobRequest(
    string Model,
    string DatasetBlob,
    string BaseModel,
    TrainingOptions Training,
    DatasetOptions Dataset,
    bool Force)
{
    /// <summary>The trials to run instead of one training run; null for a single run.</summary>
    public SweepPlan? Sweep { get; init; }

    /// <summary>Where the job's phase changes are posted; null for none.</summary>
    public NotifyOptions? Notify { get; init; }
}

using Platform.Modeling.Training;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Modeling.FineTuning;

/// <summary>
/// A fine-tuning job on data that was already validated and split (the pipeline's <c>jobs/{id}/data/*.jsonl</c>).
/// All three splits must share one label vocabulary so label ids agree.
/// </summary>
public sealed record SplitsFineTuneRequest(DatasetSplits Splits, string DatasetSha256, string OutputDirectory)
{
    public string BaseModel { get; init; } = BaseModels.BaseModelResolver.MiniLmL6;

    public TrainingOptions Training { get; init; } = new();

    /// <summary>Where resumable checkpoints go; null keeps none. A checkpoint found there is resumed.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Runs on the training thread after each checkpoint write (e.g. to mirror the folder elsewhere).</summary>
    public Action<CheckpointSaved>? CheckpointSaved { get; init; }
}

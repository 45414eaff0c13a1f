using Platform.Shared.Training;
using Platform.Modeling.Training;
using Platform.Shared.Datasets;

namespace Platform.Modeling.FineTuning;

/// <summary>One fine-tuning job: which data, which base model, how to train, where the package goes.</summary>
public sealed record FineTuneRequest(string DataPath, string OutputDirectory)
{
    public string BaseModel { get; init; } = BaseModels.BaseModelResolver.MiniLmL6;

    public TrainingOptions Training { get; init; } = new();

    public DatasetOptions Dataset { get; init; } = new();

    public SplitOptions Split { get; init; } = new();

    /// <summary>Where resumable checkpoints go; null keeps none. A checkpoint found there is resumed.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Runs on the training thread after each checkpoint write (e.g. to mirror the folder elsewhere).</summary>
    public Action<CheckpointSaved>? CheckpointSaved { get; init; }
}

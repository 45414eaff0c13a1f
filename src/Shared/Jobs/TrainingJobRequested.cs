using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Shared.Jobs;

/// <summary>Service Bus message on <c>training-jobs</c>: train job <paramref name="JobId"/> from its prepared splits. MessageId = <c>{JobId}-{Attempt}</c>.</summary>
public sealed record TrainingJobRequested(
    string JobId,
    int Attempt,
    string Model,
    string BaseModel,
    TrainingOptions Training,
    DatasetOptions Dataset,
    DateTimeOffset RequestedAt)
{
    public string MessageId => $"{JobId}-{Attempt}";

    /// <summary>
    /// The job whose prepared splits to train on, when not <see cref="JobId"/> itself: a sweep's trials all read the splits
    /// their sweep prepared once, and write everything else (status, checkpoints, package) under their own id.
    /// </summary>
    public string? DataJobId { get; init; }

    /// <summary>The job folder the splits are read from.</summary>
    public string DataFrom => DataJobId ?? JobId;
}

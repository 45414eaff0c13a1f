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
}

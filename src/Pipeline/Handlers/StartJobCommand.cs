using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline.Handlers;

/// <summary>
/// Input of the <c>TrainingOrchestrator</c>: train <paramref name="Model"/> from blob
/// <paramref name="DatasetBlob"/> in container <c>datasets</c>, whose content hashed to
/// <paramref name="DatasetSha256"/> when the job was started. The orchestration instance id equals <paramref name="JobId"/>.
/// </summary>
/// <param name="JobId">The orchestration instance id: <c>{model}-{12 hex}</c> from <c>JobIds.Compute</c>.</param>
/// <param name="Model">The model name (validated by <c>ModelNames</c>); models are published to <c>models/{Model}/</c>.</param>
/// <param name="DatasetBlob">Blob name inside container <c>datasets</c>.</param>
/// <param name="DatasetSha256">Lowercase hex SHA-256 of the blob content when the job was started.</param>
/// <param name="BaseModel">A built-in name (<c>minilm-l6</c>, <c>tiny-random</c>) or a folder name in container <c>base-models</c>.</param>
/// <param name="Training">Validated hyperparameters (defaults filled in).</param>
/// <param name="Dataset">Validated CSV reading options (defaults filled in).</param>
/// <param name="Force">True when the caller asked to train again although the same data and options were trained before.</param>
/// <param name="RequestedAt">When the start request was accepted (UTC).</param>
public sealed record StartJobCommand(
    string JobId,
    string Model,
    string DatasetBlob,
    string DatasetSha256,
    string BaseModel,
    TrainingOptions Training,
    DatasetOptions Dataset,
    bool Force,
    DateTimeOffset RequestedAt);

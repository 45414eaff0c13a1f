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
    bool Force);

using Platform.Shared.Datasets;

namespace Platform.Pipeline.Activities;

/// <summary>Which upload to validate and split for which job.</summary>
public sealed record PrepareDatasetInput(string JobId, string DatasetBlob, string BaseModel, DatasetOptions Dataset, SplitOptions Split);

using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline.Activities;

/// <summary>Which upload to validate and split for which job; <see cref="Vocabulary"/> is the job's option, for the report's unknown-token figures.</summary>
public sealed record PrepareDatasetInput(string JobId, string DatasetBlob, string BaseModel, DatasetOptions Dataset, SplitOptions Split, VocabularyMode Vocabulary = VocabularyMode.Auto);

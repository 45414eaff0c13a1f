using Platform.Modeling.BaseModels;
using Platform.Modeling.Tokenization;
using Platform.Modeling.Training;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Modeling.FineTuning;

/// <summary>Everything the shared part of a fine-tuning job needs once the data is split, whichever way it arrived.</summary>
internal sealed record PreparedRun(
    BaseModel BaseModel,
    WordPieceTokenizer Tokenizer,
    int MaxLength,
    DatasetSplits Splits,
    string DatasetSha256,
    TrainingOptions Training,
    string OutputDirectory,
    string? CheckpointDirectory,
    Action<CheckpointSaved>? CheckpointSaved);

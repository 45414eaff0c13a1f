namespace Platform.Shared.Datasets;

/// <summary>Disjoint train/validation/test datasets; all three share the parent's label vocabulary so label ids agree.</summary>
public sealed record DatasetSplits(LabeledDataset Train, LabeledDataset Validation, LabeledDataset Test);

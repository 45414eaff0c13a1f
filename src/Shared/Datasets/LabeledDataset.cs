namespace Platform.Shared.Datasets;

/// <summary>Validated examples plus the label vocabulary (sorted ordinal, so label ids are stable).</summary>
public sealed record LabeledDataset(IReadOnlyList<LabeledExample> Examples, IReadOnlyList<string> Labels, bool IsMultiLabel);

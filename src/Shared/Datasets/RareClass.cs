namespace Platform.Shared.Datasets;

/// <summary>A label with fewer examples than <see cref="DatasetOptions.RareClassThreshold"/>.</summary>
public sealed record RareClass(string Label, int Count);

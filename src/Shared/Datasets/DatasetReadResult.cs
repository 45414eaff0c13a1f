namespace Platform.Shared.Datasets;

/// <summary>The outcome of <see cref="DatasetReader.Read(Stream, DatasetOptions, Func{string, int}?)"/>: a dataset, or <c>null</c> with <see cref="ValidationReport.Error"/> set.</summary>
public sealed record DatasetReadResult(LabeledDataset? Dataset, ValidationReport Report)
{
    public bool Succeeded => Dataset is not null;
}

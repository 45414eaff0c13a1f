namespace Platform.Shared.Datasets;

/// <summary>Which split an example is assigned to.</summary>
internal enum SplitPart
{
    Train,
    Validation,
    Test,
}

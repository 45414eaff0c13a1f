namespace Platform.Modeling.Training;

/// <summary>Tokenized examples with the label set they index into.</summary>
public sealed record EncodedDataset(IReadOnlyList<EncodedExample> Examples, IReadOnlyList<string> Labels, bool IsMultiLabel)
{
    public int Count => Examples.Count;
}

using Platform.Modeling.Tokenization;
using Platform.Modeling.Training;
using Platform.Shared.Datasets;

namespace Platform.Modeling.FineTuning;

/// <summary>Tokenizes a labelled split against a fixed label order.</summary>
internal static class DatasetEncoder
{
    public static EncodedDataset Encode(LabeledDataset dataset, IReadOnlyList<string> labels, WordPieceTokenizer tokenizer, int maxLength)
    {
        var index = labels.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i, StringComparer.Ordinal);
        var examples = new EncodedExample[dataset.Examples.Count];
        Parallel.For(0, examples.Length, i =>
        {
            var example = dataset.Examples[i];
            var labelIds = example.Labels.Select(l => index.TryGetValue(l, out var id) ? id
                : throw new DatasetRejectedException($"Line {example.Line}: label '{l}' is not one of the model's labels ({string.Join(", ", labels)}).")).ToArray();
            examples[i] = new EncodedExample(tokenizer.Encode(example.Text, maxLength), labelIds);
        });
        return new EncodedDataset(examples, labels, dataset.IsMultiLabel);
    }
}

using Platform.Modeling.BaseModels;
using Platform.Modeling.Bert;
using Platform.Modeling.Tokenization;
using Platform.Modeling.Training;
using Platform.Shared.Datasets;

namespace Platform.Benchmarks;

/// <summary>The SST-2 texts, tokenized once with MiniLM's vocabulary (max length 128, as training uses).</summary>
internal sealed record BenchmarkData(BaseModel BaseModel, WordPieceTokenizer Tokenizer, IReadOnlyList<string> Texts, EncodedDataset Encoded)
{
    public const int MaxLength = 128;

    public static BenchmarkData Load(string csvPath)
    {
        var read = DatasetReader.Read(csvPath, new DatasetOptions());
        var dataset = read.Dataset ?? throw new InvalidDataException($"{csvPath} was rejected: {read.Report.Error?.Message}");
        var baseModel = BaseModelResolver.Resolve(BaseModelResolver.MiniLmL6);
        var tokenizer = WordPieceTokenizer.FromVocabFile(baseModel.VocabPath, baseModel.LowerCase);
        var labelIds = dataset.Labels.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i, StringComparer.Ordinal);
        var texts = dataset.Examples.Select(e => e.Text).ToArray();
        var examples = dataset.Examples
            .Select(e => new EncodedExample(tokenizer.Encode(e.Text, MaxLength), [labelIds[e.Labels[0]]]))
            .ToArray();
        return new BenchmarkData(baseModel, tokenizer, texts, new EncodedDataset(examples, dataset.Labels, dataset.IsMultiLabel));
    }

    /// <summary>A fresh SST-2 classifier on the pretrained MiniLM weights (the head newly initialised).</summary>
    public BertForSequenceClassification CreateModel() => ClassifierFactory.Create(BaseModel, Encoded.Labels.Count, seed: 42).Model;

    /// <summary>An evenly spaced subset, so its length profile is the dataset's.</summary>
    public IReadOnlyList<int[]> SampleSequences(int count)
    {
        var examples = Encoded.Examples;
        count = Math.Min(count, examples.Count);
        return [.. Enumerable.Range(0, count).Select(i => examples[(int)((long)i * examples.Count / count)].InputIds)];
    }
}

using Platform.Modeling.BaseModels;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Packaging;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Modeling.Tests.FineTuning;

[Collection(TorchCollection.Name)]
public sealed class SplitsFineTuningTests : IDisposable
{
    private static readonly TrainingOptions Fast = new() { Epochs = 1, MaxSteps = 3, BatchSize = 8, MaxLength = 32, LearningRate = 1e-3, Device = "cpu" };

    private readonly string _directory = Directory.CreateTempSubdirectory("splits-finetuning-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void RunOnSplits_PreparedSplits_WritesAVerifiablePackageRecordingTheGivenHash()
    {
        var output = Path.Combine(_directory, "model");
        var result = FineTuner.RunOnSplits(new SplitsFineTuneRequest(Splits(["negative", "positive"]), "abc123", output) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast });

        Assert.Equal(3, result.Training.Steps);
        Assert.Equal(10, result.Test.Count);
        Assert.Contains(PackageManifestIO.Verify(output).Files, f => f.Path == "model.safetensors");
        Assert.Contains("abc123", File.ReadAllText(Path.Combine(output, "training.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void RunOnSplits_OneClass_IsRejectedSayingTwoAreNeeded()
    {
        var error = Assert.Throws<DatasetRejectedException>(() =>
            FineTuner.RunOnSplits(new SplitsFineTuneRequest(Splits(["positive"]), "x", Path.Combine(_directory, "m")) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast }));

        Assert.Contains("two classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunOnSplits_EmptyValidationSplit_IsRejectedNamingIt()
    {
        var splits = Splits(["negative", "positive"]);
        splits = splits with { Validation = splits.Validation with { Examples = [] } };

        var error = Assert.Throws<DatasetRejectedException>(() =>
            FineTuner.RunOnSplits(new SplitsFineTuneRequest(splits, "x", Path.Combine(_directory, "m")) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast }));

        Assert.Contains("validation", error.Message, StringComparison.Ordinal);
    }

    private static DatasetSplits Splits(IReadOnlyList<string> labels)
    {
        LabeledDataset Part(int from, int count) => new(
            [.. Enumerable.Range(from, count).Select(i => new LabeledExample($"review number {i} of film {labels[i % labels.Count]}", [labels[i % labels.Count]], i + 2))],
            labels, false);
        return new DatasetSplits(Part(0, 40), Part(100, 10), Part(200, 10));
    }
}

using Platform.Shared.Training;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Training;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests.FineTuning;

/// <summary>Fine-tunes the real pretrained MiniLM on real SST-2 rows and scores it on a disjoint slice.</summary>
[Collection(TorchCollection.Name)]
public sealed class RealLearningTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("real-learning-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void FineTune_MiniLmOnSst2Sample_ClassifiesADisjointSliceWellAboveChance()
    {
        var package = Path.Combine(_directory, "model");
        var request = new FineTuneRequest(TestData.Sst2Sample, package)
        {
            Training = new TrainingOptions { Epochs = 1, LearningRate = 1e-4, BatchSize = 32, MaxLength = 64, Seed = 7, Device = "cpu" },
        };

        var result = FineTuner.Run(request);
        output.WriteLine(result.TestReport);

        // A disjoint slice of SST-2 (rows 1-2,000; the training sample is rows 10,001-13,000).
        // Its majority class is 55.8 % positive, so chance is at most 0.56 accuracy and 0.5 macro-F1.
        var (summary, report, _) = PackageEvaluator.Evaluate(package, Path.Combine(TestData.RepositoryRoot, "tests", "Shared.Tests", "data", "sst2-sample.csv"));
        output.WriteLine(report);
        Assert.True(summary.Accuracy > 0.75, $"accuracy {summary.Accuracy}");
        Assert.True(summary.MacroF1 > 0.72, $"macro-F1 {summary.MacroF1}");
        Assert.True(result.Test.Accuracy > 0.72, $"held-out test accuracy {result.Test.Accuracy}");
    }
}

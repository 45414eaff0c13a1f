using Platform.Shared.Training;
using Platform.Modeling.BaseModels;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Packaging;
using Platform.Modeling.Serving;
using Platform.Modeling.Training;
using Platform.Shared.Datasets;

namespace Platform.Modeling.Tests.FineTuning;

[Collection(TorchCollection.Name)]
public sealed class FineTunerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("finetuner-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly TrainingOptions Fast = new() { Epochs = 1, MaxSteps = 6, BatchSize = 16, MaxLength = 64, LearningRate = 1e-3, Device = "cpu" };

    [Fact]
    public void Run_TinyModel_WritesAVerifiablePackageThatPredicts()
    {
        var output = Path.Combine(_directory, "model");
        var result = FineTuner.Run(new FineTuneRequest(TestData.Sst2Sample, output) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast });

        Assert.Equal(6, result.Training.Steps);
        Assert.InRange(result.Test.Count, 250, 310);
        var manifest = PackageManifestIO.Verify(output);
        Assert.Contains(manifest.Files, f => f.Path == "model.safetensors");
        Assert.Contains(manifest.Files, f => f.Path == "config.json");

        using var predictor = Predictor.Load(output);
        Assert.Equal(["negative", "positive"], predictor.Labels);
        var predictions = predictor.Predict(["a wonderful film", new string('x', 5000) + " long input is truncated"]);
        Assert.All(predictions, p => Assert.Equal(1.0, p.Scores.Values.Sum(), 3));
        Assert.All(predictions, p => Assert.Contains(p.Label, predictor.Labels));
    }

    [Fact]
    public void Run_MultiLabelCsv_PackagesThresholdsAndPredictsLabelSets()
    {
        var output = Path.Combine(_directory, "model");
        var data = Path.Combine(TestData.RepositoryRoot, "tests", "Shared.Tests", "data", "goemotions-ekman-sample.csv");
        var result = FineTuner.Run(new FineTuneRequest(data, output) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast, Dataset = new DatasetOptions { MinRows = 10 } });

        Assert.Equal("multi-label", result.Test.Task);
        Assert.NotNull(result.Test.HammingLoss);
        using var predictor = Predictor.Load(output);
        Assert.True(predictor.Package.Labels.MultiLabel);
        Assert.Equal(predictor.Labels.Count, predictor.Package.Labels.Thresholds!.Count);
        var prediction = predictor.Predict("I am so happy and a little scared");
        Assert.All(prediction.Labels, l => Assert.True(prediction.Scores[l] >= predictor.Package.Labels.Thresholds[predictor.Labels.ToList().IndexOf(l)]));
    }

    [Fact]
    public void Predict_ManyThreadsAtOnce_GivesTheSameAnswersAsOneThread()
    {
        var output = Path.Combine(_directory, "model");
        FineTuner.Run(new FineTuneRequest(TestData.Sst2Sample, output) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast with { MaxSteps = 2 } });
        using var predictor = Predictor.Load(output, new PredictorOptions { Precision = "fp32" });
        var texts = File.ReadLines(TestData.Sst2Sample).Skip(1).Take(64).Select(l => l[..l.LastIndexOf(',')]).ToArray();
        var sequential = predictor.Predict(texts);

        var parallel = new Prediction[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = predictor.Predict(texts[i]));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(sequential[i].Label, parallel[i].Label);
            Assert.Equal(sequential[i].Scores[sequential[i].Label!], parallel[i].Scores[sequential[i].Label!], 4);
        }
    }

    [Fact]
    public async Task PredictAsync_ManyConcurrentRequests_AreCoalescedAndGiveTheSameAnswersAsPredict()
    {
        var output = Path.Combine(_directory, "model");
        FineTuner.Run(new FineTuneRequest(TestData.Sst2Sample, output) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast with { MaxSteps = 2 } });
        // fp32: an int8 graph quantizes activations per batch, so its scores move slightly with what a text is batched with.
        using var predictor = Predictor.Load(output, new PredictorOptions { Precision = "fp32" });
        var texts = File.ReadLines(TestData.Sst2Sample).Skip(1).Take(100).Select(l => l[..l.LastIndexOf(',')]).ToArray();
        var direct = predictor.Predict(texts);

        var coalesced = await Task.WhenAll(texts.Select(text => Task.Run(() => predictor.PredictAsync([text]))));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(direct[i].Label, Assert.Single(coalesced[i]).Label);
            Assert.Equal(direct[i].Scores[direct[i].Label!], coalesced[i][0].Scores[direct[i].Label!], 4);
        }

        Assert.InRange(predictor.CoalescedPasses, 1, texts.Length);
    }

    [Fact]
    public void Open_PackageWithOneByteChanged_FailsNamingTheFile()
    {
        var output = Path.Combine(_directory, "model");
        FineTuner.Run(new FineTuneRequest(TestData.Sst2Sample, output) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast with { MaxSteps = 1 } });
        var weights = Path.Combine(output, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);

        var error = Assert.Throws<ModelPackageException>(() => Predictor.Load(output));
        Assert.Contains("model.safetensors", error.Message, StringComparison.Ordinal);
        Assert.Contains("modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TruncatedWeights_FailsNamingTheFile()
    {
        var output = Path.Combine(_directory, "model");
        FineTuner.Run(new FineTuneRequest(TestData.Sst2Sample, output) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast with { MaxSteps = 1 } });
        using (var stream = File.OpenWrite(Path.Combine(output, "model.safetensors")))
        {
            stream.SetLength(stream.Length / 2);
        }

        var error = Assert.Throws<ModelPackageException>(() => Predictor.Load(output));
        Assert.Contains("model.safetensors is truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DatasetOptionTheApiRefuses_ThrowsBeforeReadingAnything()
    {
        var error = Assert.Throws<ArgumentException>(() => FineTuner.Run(new FineTuneRequest(Path.Combine(_directory, "absent.csv"), Path.Combine(_directory, "model"))
        {
            BaseModel = BaseModelResolver.TinyRandom, Training = Fast, Dataset = new DatasetOptions { MinRows = 1 },
        }));

        Assert.Contains("minRows must be at least 2 (got 1).", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "model")));
    }

    [Fact]
    public void Run_RejectedCsv_ThrowsWithTheValidationReport()
    {
        var csv = Path.Combine(_directory, "bad.csv");
        File.WriteAllText(csv, "review,stars\ngreat,5\n");

        var error = Assert.Throws<DatasetRejectedException>(() => FineTuner.Run(new FineTuneRequest(csv, Path.Combine(_directory, "model")) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast }));

        Assert.Equal(DatasetErrorCodes.MissingColumns, error.Report.Error!.Code);
        Assert.Contains("review", error.Report.Error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "model")));
    }

    [Fact]
    public void Resolve_PackageFolderAsBaseModel_LoadsItsTrainedWeights()
    {
        var output = Path.Combine(_directory, "model");
        FineTuner.Run(new FineTuneRequest(TestData.Sst2Sample, output) { BaseModel = BaseModelResolver.TinyRandom, Training = Fast with { MaxSteps = 2 } });

        var baseModel = BaseModelResolver.Resolve(output);
        Assert.Equal(BaseModelFormat.Safetensors, baseModel.Format);
        var (model, report) = ClassifierFactory.Create(baseModel, labelCount: 2, seed: 5);
        using var _ = model;
        Assert.Empty(report.NewlyInitialized);
        Assert.Empty(report.Unused);
    }
}

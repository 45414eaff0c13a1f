using System.Text.Json.Nodes;
using Platform.Modeling.BaseModels;
using Platform.Modeling.Bert;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Onnx;
using Platform.Modeling.Packaging;
using Platform.Modeling.Serving;
using Platform.Modeling.Tests.Tokenization;
using Platform.Modeling.Tests.Training;
using Platform.Modeling.Training;
using Platform.Shared.Training;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.FineTuning;

/// <summary>The head reads the encoder the way the base model was trained to be read, and the package says which.</summary>
[Collection(TorchCollection.Name)]
public sealed class PoolingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pooling-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Auto_BuiltInSentenceEncoder_PoolsTheMeanWithoutAPooler()
    {
        var (model, report) = ClassifierFactory.Create(BaseModelResolver.Resolve(BaseModelResolver.MiniLmL6), 2, seed: 1);
        using var _ = model;

        Assert.Equal("mean", report.Pooling!.Mode);
        Assert.Contains("mean", report.Pooling.Reason, StringComparison.Ordinal);
        Assert.True(model.Config.MeanPooling);
        Assert.DoesNotContain(model.named_parameters(), p => p.name.Contains("pooler", StringComparison.Ordinal));
        Assert.Equal(["classifier.weight", "classifier.bias"], report.NewlyInitialized);
        Assert.Contains("bert.pooler.dense.weight", report.Unused);
    }

    [Fact]
    public void Cls_OnTheBuiltInEncoder_ReadsItsPooler()
    {
        var (model, report) = ClassifierFactory.Create(BaseModelResolver.Resolve(BaseModelResolver.MiniLmL6), 2, seed: 1, Pooling.Cls);
        using var _ = model;

        Assert.Equal(new PoolingChoice("cls", "set by the pooling option"), report.Pooling);
        Assert.Contains(model.named_parameters(), p => p.name == "bert.pooler.dense.weight");
        Assert.Equal(["classifier.weight", "classifier.bias"], report.NewlyInitialized);
    }

    [Fact]
    public void Auto_FolderWithATrainedPooler_ReadsCls()
    {
        WriteFolder(withPooler: true);

        var (model, report) = ClassifierFactory.Create(BaseModelResolver.Resolve(_directory), 2, seed: 1);
        using var _ = model;

        Assert.Equal("cls", report.Pooling!.Mode);
        Assert.Contains("pooler", report.Pooling.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("bert.pooler.dense.weight", report.NewlyInitialized);
    }

    [Fact]
    public void Auto_FolderWithoutPoolerWeights_PoolsTheMean()
    {
        WriteFolder(withPooler: false);

        var (model, report) = ClassifierFactory.Create(BaseModelResolver.Resolve(_directory), 2, seed: 1);
        using var _ = model;

        Assert.Equal("mean", report.Pooling!.Mode);
        Assert.Contains("no pooler", report.Pooling.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_SentenceTransformersFolder_FollowsItsPoolingModule()
    {
        WriteFolder(withPooler: true);
        Directory.CreateDirectory(Path.Combine(_directory, "1_Pooling"));
        File.WriteAllText(Path.Combine(_directory, "1_Pooling", "config.json"), """{"word_embedding_dimension": 32, "pooling_mode_cls_token": false, "pooling_mode_mean_tokens": true}""");

        var (model, report) = ClassifierFactory.Create(BaseModelResolver.Resolve(_directory), 2, seed: 1);
        using var _ = model;

        Assert.Equal("mean", report.Pooling!.Mode);
        Assert.Contains("1_Pooling", report.Pooling.Reason, StringComparison.Ordinal);
        Assert.Contains("bert.pooler.dense.weight", report.Unused);
    }

    [Fact]
    public void Resolve_SentenceTransformersPoolingThatIsNotJson_NamesTheFile()
    {
        WriteFolder(withPooler: true);
        Directory.CreateDirectory(Path.Combine(_directory, "1_Pooling"));
        File.WriteAllText(Path.Combine(_directory, "1_Pooling", "config.json"), """{"pooling_mode_mean_tokens": "yes"}""");

        var error = Assert.Throws<BaseModelException>(() => BaseModelResolver.Resolve(_directory));

        Assert.Contains(Path.Combine("1_Pooling", "config.json"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MeanPooling_PaddingDoesNotChangeTheLogits()
    {
        var baseModel = BaseModelResolver.Resolve(BaseModelResolver.TinyRandom);
        var (model, _) = ClassifierFactory.Create(baseModel, 3, seed: 4, Pooling.Mean);
        using var _ = model;
        model.eval();
        long[] ids = [101, 2023, 3185, 2001, 2307, 102];

        using (no_grad())
        using (var alone = model.forward(tensor(ids, [1, 6]), ones(1, 6, ScalarType.Int64)))
        using (var padded = model.forward(tensor([.. ids, 0, 0, 0, 0], [1, 10]), tensor(new long[] { 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 }, [1, 10])))
        {
            Assert.True(alone.allclose(padded, rtol: 0, atol: 1e-5), $"{string.Join(", ", alone.data<float>().ToArray())} vs {string.Join(", ", padded.data<float>().ToArray())}");
        }
    }

    [Fact]
    public void Package_MeanPooling_SaysSoInItsConfigTrainingRecordAndWeights()
    {
        var output = Path.Combine(_directory, "model");
        var training = new TrainingOptions { Epochs = 1, MaxSteps = 3, BatchSize = 16, MaxLength = 64, LearningRate = 1e-3, Device = "cpu", Pooling = Pooling.Mean };

        FineTuner.Run(new FineTuneRequest(TestData.Sst2Sample, output) { BaseModel = BaseModelResolver.TinyRandom, Training = training });

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, ModelPackage.ConfigFile)))!;
        Assert.Equal("mean", config["classifier_pooling"]!.GetValue<string>());
        Assert.Equal("BertModel", config["architectures"]![0]!.GetValue<string>());
        var choices = JsonNode.Parse(File.ReadAllText(Path.Combine(output, ModelPackage.TrainingFile)))!["choices"]!.AsArray();
        Assert.Contains(choices, c => c!["setting"]!.GetValue<string>() == "pooling" && c["value"]!.GetValue<string>() == "mean");
        Assert.DoesNotContain(SafetensorsReader.Read(Path.Combine(output, ModelPackage.WeightsFile)).Keys, k => k.Contains("pooler", StringComparison.Ordinal));

        // The package, used as a base model, keeps its pooling.
        var (reloaded, report) = ClassifierFactory.Create(BaseModelResolver.Resolve(output), 2, seed: 1);
        using var _ = reloaded;
        Assert.Equal("mean", report.Pooling!.Mode);
        Assert.Empty(report.NewlyInitialized);
    }

    private void WriteFolder(bool withPooler)
    {
        using var model = TrainerTests.CreateTinyModel(labels: 2);
        var state = model.state_dict().Where(p => withPooler || !p.Key.Contains("pooler", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        TrainingCheckpoint.SaveWeights(Path.Combine(_directory, "model.safetensors"), state);
        (model.Config with { ClassifierPooling = null }).Save(Path.Combine(_directory, "config.json"));
        File.Copy(BaseModelResolver.Resolve(BaseModelResolver.TinyRandom).VocabPath, Path.Combine(_directory, "vocab.txt"));
    }
}

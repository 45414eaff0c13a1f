using Platform.Modeling.BaseModels;
using Platform.Modeling.Bert;
using Platform.Modeling.Tests.Training;
using TorchSharp;
using TorchSharp.PyBridge;

namespace Platform.Modeling.Tests.FineTuning;

[Collection(TorchCollection.Name)]
public sealed class BaseModelErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("basemodel-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Resolve_UnknownName_SaysWhatIsAccepted()
    {
        var error = Assert.Throws<BaseModelException>(() => BaseModelResolver.Resolve("bert-huge-9000"));
        Assert.Contains("minilm-l6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FolderWithoutWeights_NamesTheExpectedFiles()
    {
        WriteFolder(hiddenSize: 32);
        File.Delete(Path.Combine(_directory, "model.safetensors"));
        var error = Assert.Throws<BaseModelException>(() => BaseModelResolver.Resolve(_directory));
        Assert.Contains("model.safetensors or pytorch_model.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FolderWithoutVocab_NamesTheFile()
    {
        WriteFolder(hiddenSize: 32);
        File.Delete(Path.Combine(_directory, "vocab.txt"));
        var error = Assert.Throws<BaseModelException>(() => BaseModelResolver.Resolve(_directory));
        Assert.Contains("vocab.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ConfigDisagreesWithWeights_NamesFileTensorAndShapes()
    {
        WriteFolder(hiddenSize: 32);
        var config = BertConfig.Tiny(BertConfig.MiniLmL6.VocabSize) with { IntermediateSize = 48 };
        config.Save(Path.Combine(_directory, "config.json"));

        var error = Assert.Throws<BaseModelException>(() => ClassifierFactory.Create(BaseModelResolver.Resolve(_directory), 2, 1));
        Assert.Contains("model.safetensors", error.Message, StringComparison.Ordinal);
        Assert.Contains("bert.encoder.layer.0.intermediate.dense.weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("[64, 32]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PyTorchPickleCheckpoint_LoadsTheSameWeights()
    {
        using var source = TrainerTests.CreateTinyModel(labels: 2, seed: 11);
        WriteFolder(hiddenSize: 32);
        File.Delete(Path.Combine(_directory, "model.safetensors"));
        source.save_py(Path.Combine(_directory, "pytorch_model.bin"));

        var (loaded, report) = ClassifierFactory.Create(BaseModelResolver.Resolve(_directory), 2, seed: 99);
        using var _ = loaded;
        Assert.Empty(report.NewlyInitialized);
        var expected = source.state_dict();
        foreach (var (name, parameter) in loaded.state_dict())
        {
            Assert.True(parameter.allclose(expected[name], rtol: 0, atol: 0), name);
        }
    }

    private void WriteFolder(int hiddenSize)
    {
        using var model = TrainerTests.CreateTinyModel(labels: 2);
        Assert.Equal(hiddenSize, model.Config.HiddenSize);
        model.save_safetensors(Path.Combine(_directory, "model.safetensors"));
        model.Config.Save(Path.Combine(_directory, "config.json"));
        File.Copy(BaseModelResolver.Resolve(BaseModelResolver.TinyRandom).VocabPath, Path.Combine(_directory, "vocab.txt"));
    }
}

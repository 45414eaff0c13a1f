using Platform.Modeling.BaseModels;
using Platform.Modeling.Weights;

namespace Platform.Modeling.Tests.Onnx;

/// <summary>Reading ONNX weights goes through the ONNX protobuf classes: real exports parse, anything else fails naming the file.</summary>
public sealed class OnnxModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("onnx-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Read_BuiltInExport_FindsEveryLinearWithItsBias()
    {
        var model = OnnxModel.Read(Path.Combine(BaseModelResolver.BuiltInRoot, BaseModelResolver.MiniLmL6, "model.onnx"));

        Assert.Equal([30522L, 384L], model.Initializers["embeddings.word_embeddings.weight"].Shape);
        Assert.Equal(30522 * 384, model.Initializers["embeddings.word_embeddings.weight"].Data.Length);
        // Six layers of four attention projections (query, key, value, output) and two feed-forward ones.
        Assert.Equal(6 * 6, model.Nodes.Count(n => n.OpType == "MatMul" && model.Initializers.ContainsKey(n.Inputs[1])));
    }

    [Fact]
    public void Read_FileThatIsNotOnnx_FailsNamingIt()
    {
        var path = Path.Combine(_directory, "model.onnx");
        File.WriteAllBytes(path, [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]);

        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a readable ONNX model", error.Message, StringComparison.Ordinal);
    }
}

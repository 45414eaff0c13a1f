using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Platform.Modeling.Weights;

/// <summary>The parts of an ONNX model needed to recover weights: float initializers and the node graph.</summary>
internal sealed class OnnxModel
{
    public Dictionary<string, OnnxTensor> Initializers { get; } = new(StringComparer.Ordinal);

    public List<OnnxNode> Nodes { get; } = [];

    /// <summary>Parses <paramref name="path"/> with the ONNX protobuf classes; a file that is not an ONNX model fails naming it.</summary>
    public static OnnxModel Read(string path)
    {
        ModelProto proto;
        try
        {
            using var stream = File.OpenRead(path);
            proto = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"{path} is not a readable ONNX model: {ex.Message}", ex);
        }

        var model = new OnnxModel();
        if (proto.Graph is not { } graph)
        {
            return model;
        }

        model.Nodes.AddRange(graph.Node.Select(n => new OnnxNode(n.OpType, [.. n.Input], [.. n.Output])));
        foreach (var tensor in graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float))
        {
            var data = tensor.RawData.IsEmpty ? [.. tensor.FloatData] : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
            model.Initializers[tensor.Name] = new OnnxTensor(tensor.Name, [.. tensor.Dims], data);
        }

        return model;
    }
}

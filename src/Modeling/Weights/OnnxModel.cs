using System.Text;

namespace Platform.Modeling.Weights;

/// <summary>The parts of an ONNX model needed to recover weights: float initializers and the node graph.</summary>
internal sealed class OnnxModel
{
    private const int FloatType = 1;

    public Dictionary<string, OnnxTensor> Initializers { get; } = new(StringComparer.Ordinal);

    public List<OnnxNode> Nodes { get; } = [];

    public static OnnxModel Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var model = new OnnxModel();
        try
        {
            var reader = new ProtobufReader(bytes);
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field == 7 && wire == 2)
                {
                    model.ReadGraph(reader.ReadLengthDelimited());
                }
                else
                {
                    reader.Skip(wire);
                }
            }
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidDataException or OverflowException)
        {
            throw new InvalidDataException($"{path} is not a readable ONNX model: {ex.Message}", ex);
        }

        return model;
    }

    private void ReadGraph(ReadOnlySpan<byte> graph)
    {
        var reader = new ProtobufReader(graph);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 2:
                    Nodes.Add(ReadNode(reader.ReadLengthDelimited()));
                    break;
                case 5 when wire == 2:
                    var tensor = ReadTensor(reader.ReadLengthDelimited());
                    if (tensor is not null)
                    {
                        Initializers[tensor.Name] = tensor;
                    }

                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    private static OnnxNode ReadNode(ReadOnlySpan<byte> node)
    {
        var reader = new ProtobufReader(node);
        var inputs = new List<string>();
        var outputs = new List<string>();
        var opType = "";
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: inputs.Add(Encoding.UTF8.GetString(reader.ReadLengthDelimited())); break;
                case 2: outputs.Add(Encoding.UTF8.GetString(reader.ReadLengthDelimited())); break;
                case 4: opType = Encoding.UTF8.GetString(reader.ReadLengthDelimited()); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OnnxNode(opType, inputs, outputs);
    }

    private static OnnxTensor? ReadTensor(ReadOnlySpan<byte> tensor)
    {
        var reader = new ProtobufReader(tensor);
        var dims = new List<long>();
        var dataType = 0;
        var name = "";
        float[]? data = null;
        var floats = new List<float>();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 0:
                    dims.Add((long)reader.ReadVarint());
                    break;
                case 1 when wire == 2:
                    var packed = new ProtobufReader(reader.ReadLengthDelimited());
                    while (!packed.AtEnd)
                    {
                        dims.Add((long)packed.ReadVarint());
                    }

                    break;
                case 2:
                    dataType = (int)reader.ReadVarint();
                    break;
                case 4 when wire == 2:
                    floats.AddRange(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(reader.ReadLengthDelimited()));
                    break;
                case 8:
                    name = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                case 9:
                    data = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(reader.ReadLengthDelimited()).ToArray();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (dataType != FloatType)
        {
            return null;
        }

        return new OnnxTensor(name, [.. dims], data ?? [.. floats]);
    }
}

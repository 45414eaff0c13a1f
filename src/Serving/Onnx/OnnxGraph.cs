using Google.Protobuf;
using Onnx;

namespace Platform.Modeling.Onnx;

/// <summary>Builds one ONNX graph: initializers, nodes with generated output names, typed inputs and outputs.</summary>
internal sealed class OnnxGraph(string name)
{
    private readonly GraphProto _graph = new() { Name = name };
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);

    public static int Float => (int)TensorProto.Types.DataType.Float;

    public static int Int64 => (int)TensorProto.Types.DataType.Int64;

    public static int Int8 => (int)TensorProto.Types.DataType.Int8;

    /// <summary>A float initializer; returns its name.</summary>
    public string Floats(string name, ReadOnlySpan<float> data, params long[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = Float, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data)) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An int8 initializer; returns its name.</summary>
    public string SBytes(string name, ReadOnlySpan<sbyte> data, params long[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = Int8, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data)) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An int64 initializer (shapes, axes, indices); a scalar when <paramref name="dims"/> is empty.</summary>
    public string Int64s(string name, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = Int64 };
        tensor.Int64Data.AddRange(values);
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Scalar(string name, float value) => Floats(name, [value]);

    public string Scalar(string name, long value) => Int64s(name, [value]);

    /// <summary>Adds a node with one output; returns the output's name.</summary>
    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) => Node(op, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs; returns their names.</summary>
    public string[] Node(string op, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Unique(op) };
        node.Input.AddRange(inputs);
        var names = Enumerable.Range(0, outputs).Select(i => node.Name + (outputs == 1 ? "" : "_" + i) + "_out").ToArray();
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return names;
    }

    /// <summary>Renames the output of the last node to <paramref name="output"/> (a graph output's name).</summary>
    public void NameLastOutput(string output)
    {
        var last = _graph.Node[^1];
        var previous = last.Output[0];
        last.Output[0] = output;
        foreach (var node in _graph.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == previous)
                {
                    node.Input[i] = output;
                }
            }
        }
    }

    /// <summary>A graph input or output: its element type and dimensions, each a fixed size (long) or a named, dynamic one (string).</summary>
    public void Input(string name, int elementType, params object[] dims) => _graph.Input.Add(Value(name, elementType, dims));

    public void Output(string name, int elementType, params object[] dims) => _graph.Output.Add(Value(name, elementType, dims));

    public static AttributeProto Attribute(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>The model around the graph: standard domain at <paramref name="opset"/>.</summary>
    public ModelProto Model(long opset, string producer, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = producer, Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        foreach (var (key, value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    private static ValueInfoProto Value(string name, int elementType, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string param ? new TensorShapeProto.Types.Dimension { DimParam = param } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } } };
    }

    private string Unique(string name)
    {
        var n = _names.GetValueOrDefault(name);
        _names[name] = n + 1;
        return n == 0 ? name : $"{name}_{n}";
    }
}

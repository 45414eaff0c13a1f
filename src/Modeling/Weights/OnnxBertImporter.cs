using static TorchSharp.torch;

namespace Platform.Modeling.Weights;

/// <summary>
/// Recovers a Hugging Face BERT state dict from an ONNX export. Most initializers keep their HF names;
/// the Linear weights were renamed to numbers and stored transposed ([in, out]) as MatMul operands.
/// Each belongs to the Linear whose <c>*.bias</c> the graph adds to that MatMul's output.
/// </summary>
internal static class OnnxBertImporter
{
    public static Dictionary<string, Tensor> Import(string onnxPath)
    {
        var model = OnnxModel.Read(onnxPath);
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in model.Initializers)
        {
            if (name.EndsWith(".weight", StringComparison.Ordinal) || name.EndsWith(".bias", StringComparison.Ordinal))
            {
                weights[name] = ToTensor(tensor);
            }
        }

        var consumers = model.Nodes
            .Where(n => n.OpType == "Add")
            .SelectMany(n => n.Inputs.Select(input => (input, node: n)))
            .GroupBy(x => x.input, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.node).ToList(), StringComparer.Ordinal);

        foreach (var matmul in model.Nodes.Where(n => n.OpType == "MatMul"))
        {
            if (matmul.Inputs.Count != 2 || !model.Initializers.TryGetValue(matmul.Inputs[1], out var weight) || weight.Shape.Length != 2)
            {
                continue;
            }

            var bias = consumers.GetValueOrDefault(matmul.Outputs[0], [])
                .SelectMany(add => add.Inputs)
                .FirstOrDefault(input => input.EndsWith(".bias", StringComparison.Ordinal) && model.Initializers.ContainsKey(input))
                ?? throw new InvalidDataException($"{onnxPath}: MatMul weight '{weight.Name}' is not followed by a bias Add; cannot name it.");

            var linearName = bias[..^".bias".Length] + ".weight";
            using var stored = ToTensor(weight);
            weights[linearName] = stored.t().contiguous();
        }

        return weights;
    }

    private static Tensor ToTensor(OnnxTensor source) => tensor(source.Data, source.Shape, ScalarType.Float32);
}

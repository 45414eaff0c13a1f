namespace Platform.Modeling.Weights;

/// <summary>One ONNX graph node: its operator and the names of its inputs and outputs.</summary>
internal sealed record OnnxNode(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

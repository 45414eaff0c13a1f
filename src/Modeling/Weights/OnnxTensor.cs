namespace Platform.Modeling.Weights;

/// <summary>One float initializer of an ONNX graph.</summary>
internal sealed record OnnxTensor(string Name, long[] Shape, float[] Data);

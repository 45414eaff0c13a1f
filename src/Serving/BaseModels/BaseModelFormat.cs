namespace Platform.Modeling.BaseModels;

/// <summary>How a base model's weights are stored.</summary>
public enum BaseModelFormat
{
    /// <summary>A sentence-transformers ONNX export (the built-in MiniLM).</summary>
    Onnx,

    /// <summary>Hugging Face <c>model.safetensors</c>.</summary>
    Safetensors,

    /// <summary>Hugging Face <c>pytorch_model.bin</c> (a pickled state dict).</summary>
    PyTorchPickle,

    /// <summary>No weights: a tiny random model for fast tests.</summary>
    Random,
}

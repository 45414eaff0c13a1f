namespace Platform.Shared.Training;

/// <summary>How the classification head reads the encoder's output.</summary>
public enum Pooling
{
    /// <summary>The one the base model was trained to be read by (see the package's <c>training.json</c> for what was chosen and why).</summary>
    Auto,

    /// <summary>A dense + tanh pooler over the <c>[CLS]</c> position, as Hugging Face's <c>BertForSequenceClassification</c>.</summary>
    Cls,

    /// <summary>The mean of the last hidden states over the real (unpadded) tokens, as sentence-transformers encoders are trained.</summary>
    Mean,
}

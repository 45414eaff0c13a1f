namespace Platform.Modeling.Packaging;

/// <summary>A setting the platform chose for a run (an <c>auto</c> option, a default fitted to the data): what it chose and why.</summary>
public sealed record ChosenSetting(string Setting, string Value, string Reason)
{
    /// <summary>The head's pooling: <c>cls</c> or <c>mean</c>.</summary>
    public const string Pooling = "pooling";

    /// <summary>The vocabulary: <c>base</c>, or the base with the tokens added for the run.</summary>
    public const string Vocabulary = "vocabulary";

    /// <summary>Passes over the training split.</summary>
    public const string Epochs = "epochs";

    /// <summary>The peak learning rate.</summary>
    public const string LearningRate = "learningRate";

    /// <summary>Optimizer steps spent warming the learning rate up.</summary>
    public const string Warmup = "warmup";

    /// <summary>The format matrix products trained in: <c>fp32</c>, <c>bf16</c> or <c>fp16</c>.</summary>
    public const string Precision = "precision";
}

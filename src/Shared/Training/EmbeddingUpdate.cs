namespace Platform.Shared.Training;

/// <summary>How the word embedding (by far the largest matrix: 30,522 × 384 in MiniLM) is updated.</summary>
public enum EmbeddingUpdate
{
    /// <summary>AdamW on the rows the step's batches used only (their moments, bias correction and weight decay); rows no batch used are left alone.</summary>
    Lazy,

    /// <summary>AdamW on every row every step, as the other parameters.</summary>
    Dense,

    /// <summary>The word embedding is not trained (needs <c>vocabulary</c> <c>base</c>: added tokens would keep their initial rows).</summary>
    Frozen,
}

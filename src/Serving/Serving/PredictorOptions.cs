namespace Platform.Modeling.Serving;

/// <summary>How a predictor runs.</summary>
public sealed record PredictorOptions
{
    /// <summary><c>auto</c> (the package's measured choice), <c>fp32</c> or <c>int8</c>.</summary>
    public string Precision { get; init; } = "auto";

    public int MaxLength { get; init; } = 128;

    public int BatchSize { get; init; } = 64;

    /// <summary>Most texts <see cref="Predictor.PredictAsync"/> scores in one coalesced pass.</summary>
    public int MaxCoalescedTexts { get; init; } = 256;

    /// <summary>ONNX Runtime intra-op threads of one forward pass; 0 = 1 (on small batches one thread a pass is fastest).</summary>
    public int Threads { get; init; }

    /// <summary>Forward passes run at once (coalesced request passes, or the batches of one large call); 0 = one per core left by <see cref="Threads"/>.</summary>
    public int Passes { get; init; }
}

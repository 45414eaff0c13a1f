namespace Platform.Modeling.Serving;

/// <summary>How a predictor runs.</summary>
public sealed record PredictorOptions
{
    /// <summary><c>auto</c> (the package's measured choice, bf16 only where the CPU supports it), <c>fp32</c> or <c>bf16</c>.</summary>
    public string Precision { get; init; } = "auto";

    public int MaxLength { get; init; } = 128;

    public int BatchSize { get; init; } = 64;

    public string Device { get; init; } = "auto";
}

namespace Platform.Benchmarks;

/// <summary>How much work each benchmark does: full figures or a smoke run under a minute.</summary>
internal sealed record BenchmarkSizes(
    int WarmupSteps,
    int FixedSteps,
    int DynamicSteps,
    int InferenceTexts,
    int LatencyWarmup,
    int LatencyRuns,
    TimeSpan MinimumDuration,
    int HttpTrainingRows,
    int HttpRequests,
    int HttpClients)
{
    public static BenchmarkSizes Full { get; } = new(2, 10, 20, 8192, 20, 200, TimeSpan.FromSeconds(1), 640, 2000, 50);

    public static BenchmarkSizes Quick { get; } = new(1, 1, 2, 256, 3, 20, TimeSpan.FromSeconds(0.2), 128, 200, 50);
}

namespace Platform.Benchmarks;

/// <summary>Batched throughput and single-text latency of one inference engine.</summary>
internal sealed record InferenceFigures(double SequencesPerSecond, double P50Milliseconds, double P99Milliseconds);

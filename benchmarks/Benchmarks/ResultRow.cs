namespace Platform.Benchmarks;

/// <summary>One printed figure; <see cref="Met"/> is null for figures without a target.</summary>
internal sealed record ResultRow(string Section, string Figure, string Value, string Target, bool? Met);

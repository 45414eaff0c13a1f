namespace Platform.Shared.Datasets;

/// <summary>Fractions of the deduplicated examples that go to validation and test (per class), and the shuffle seed.</summary>
public sealed record SplitOptions(double ValidationFraction = 0.1, double TestFraction = 0.1, int Seed = 42);

namespace Platform.Modeling.Tests.FineTuning;

/// <summary>Locates the repository's bundled sample data from the test output folder.</summary>
internal static class TestData
{
    public static string RepositoryRoot => TestSupport.RepositoryRoot.Path;

    public static string Sst2Sample => Path.Combine(RepositoryRoot, "samples", "sst2-sample.csv");
}

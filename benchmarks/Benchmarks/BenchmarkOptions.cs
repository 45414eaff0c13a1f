namespace Platform.Benchmarks;

/// <summary>Command-line settings: smoke-run sizes or full sizes, which SST-2 CSV to read, and optionally one section only.</summary>
internal sealed record BenchmarkOptions(bool Quick, string DataPath, string? Only = null)
{
    private const string SharedData = "../shared/datasets/sst2-train.csv";
    private const string SampleData = "tests/Shared.Tests/data/sst2-sample.csv";

    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        string? data = null;
        string? only = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--data" when i + 1 < args.Count:
                    data = args[++i];
                    break;
                case "--only" when i + 1 < args.Count && args[i + 1] is "tokenization" or "csv" or "training" or "inference" or "http":
                    only = args[++i];
                    break;
                default:
                    return null;
            }
        }

        return new BenchmarkOptions(quick, data ?? DefaultData(), only);
    }

    /// <summary>The full SST-2 next to the repository when present, else the 2,000-row sample the repository carries.</summary>
    private static string DefaultData()
    {
        var root = FindRepositoryRoot();
        var shared = Path.GetFullPath(Path.Combine(root, SharedData));
        return File.Exists(shared) ? shared : Path.Combine(root, SampleData);
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

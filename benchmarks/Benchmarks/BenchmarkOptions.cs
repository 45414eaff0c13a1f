namespace Platform.Benchmarks;

/// <summary>Command-line settings: smoke-run sizes or full sizes, which SST-2 CSV to read, and optionally one section only.</summary>
internal sealed record BenchmarkOptions(bool Quick, string DataPath, string? Only = null)
{
    /// <summary>The shared datasets folder next to the repository (the quality benchmark's data).</summary>
    public string SharedDatasets { get; init; } = Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "../shared/datasets"));

    /// <summary>The quality benchmark's datasets (<c>--dataset a,b</c>); null: all.</summary>
    public IReadOnlyList<string>? Datasets { get; init; }

    /// <summary>Also train each quality dataset with the earlier head and vocabulary (<c>--with-earlier-defaults</c>).</summary>
    public bool WithEarlierDefaults { get; init; }

    private const string SharedData = "../shared/datasets/sst2-train.csv";
    private const string SampleData = "tests/Shared.Tests/data/sst2-sample.csv";

    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        string? data = null;
        string? only = null;
        IReadOnlyList<string>? datasets = null;
        var earlier = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--dataset" when i + 1 < args.Count && args[i + 1].Split(',').All(QualityBenchmark.Names.Contains):
                    datasets = args[++i].Split(',');
                    break;
                case "--with-earlier-defaults":
                    earlier = true;
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--data" when i + 1 < args.Count:
                    data = args[++i];
                    break;
                case "--only" when i + 1 < args.Count && args[i + 1] is "tokenization" or "csv" or "training" or "precision" or "precision-speed" or "layer-profile" or "embedding-update" or "step-quality" or "inference" or "http" or "quality":
                    only = args[++i];
                    break;
                default:
                    return null;
            }
        }

        return new BenchmarkOptions(quick, data ?? DefaultData(), only) { Datasets = datasets, WithEarlierDefaults = earlier };
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

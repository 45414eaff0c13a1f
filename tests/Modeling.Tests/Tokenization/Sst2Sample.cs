using nietras.SeparatedValues;

namespace Platform.Modeling.Tests.Tokenization;

/// <summary>The first 20,000 texts of the shared SST-2 training set, when this machine has it.</summary>
public static class Sst2Sample
{
    public const int Count = 20_000;

    /// <summary><c>SST2_TRAIN_CSV</c>, else <c>../shared/datasets/sst2-train.csv</c> beside the repository (as CI lays it out).</summary>
    public static string Path { get; } = Environment.GetEnvironmentVariable("SST2_TRAIN_CSV")
        ?? System.IO.Path.GetFullPath(System.IO.Path.Combine(FineTuning.TestData.RepositoryRoot, "..", "shared", "datasets", "sst2-train.csv"));

    private static readonly Lazy<IReadOnlyList<string>?> Cached = new(Load);

    /// <summary>The texts, or null where the data set is not present (CI without the shared folder).</summary>
    public static IReadOnlyList<string>? Texts => Cached.Value;

    private static List<string>? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        using var reader = Sep.Reader(options => options with { Unescape = true }).FromFile(Path);
        var texts = new List<string>(Count);
        foreach (var row in reader)
        {
            if (texts.Count == Count)
            {
                break;
            }

            texts.Add(row["text"].ToString());
        }

        return texts;
    }
}

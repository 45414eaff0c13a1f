using System.Globalization;
using System.Text;
using Platform.TestSupport;

namespace Platform.EndToEnd;

/// <summary>Small CSV files and options a person would upload.</summary>
internal static class Datasets
{
    /// <summary>Two classes no model can confuse: each has its own words.</summary>
    public static string Separable(int rows = 60)
    {
        var csv = new StringBuilder("text,label\n");
        for (var i = 0; i < rows; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            csv.Append(i % 2 == 0
                ? $"wonderful excellent great lovely superb {n},positive\n"
                : $"terrible awful horrible dreadful broken {n},negative\n");
        }

        return csv.ToString();
    }

    /// <summary>No label column at all.</summary>
    public static string Invalid() => "body,comment\nhello,world\nfoo,bar\n";

    /// <summary>The header and the first <paramref name="rows"/> rows of the bundled <c>samples/sst2-sample.csv</c> (one record per line).</summary>
    public static string Sst2Sample(int rows)
    {
        var lines = File.ReadLines(Path.Combine(RepositoryRoot.Path, "samples", "sst2-sample.csv")).Take(rows + 1);
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The tiny random BERT on CPU; <paramref name="checkpointEverySteps"/> and <paramref name="earlyStoppingPatience"/> appear only when set.</summary>
    public static string TinyOptions(int epochs = 3, int maxSteps = 0, int? checkpointEverySteps = null, int? earlyStoppingPatience = null)
    {
        var extra = new StringBuilder();
        if (checkpointEverySteps is { } every)
        {
            extra.Append(CultureInfo.InvariantCulture, $",\"checkpointEverySteps\":{every}");
        }

        if (earlyStoppingPatience is { } patience)
        {
            extra.Append(CultureInfo.InvariantCulture, $",\"earlyStoppingPatience\":{patience}");
        }

        return $$$"""{"baseModel":"tiny-random","training":{"epochs":{{{epochs}}},"maxSteps":{{{maxSteps}}},"batchSize":8,"maxLength":16,"learningRate":0.001,"device":"cpu"{{{extra}}}}}""";
    }
}

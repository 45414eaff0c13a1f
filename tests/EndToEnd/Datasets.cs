using System.Globalization;
using System.Text;

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

    public static string TinyOptions(int epochs = 3, int maxSteps = 0) =>
        $$$"""{"baseModel":"tiny-random","training":{"epochs":{{{epochs}}},"maxSteps":{{{maxSteps}}},"batchSize":8,"maxLength":16,"learningRate":0.001,"device":"cpu"}}""";
}

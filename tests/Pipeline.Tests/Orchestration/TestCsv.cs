using System.Globalization;
using System.Text;

namespace Platform.Pipeline.Tests.Orchestration;

/// <summary>Small labelled CSVs: two classes with distinct vocabularies so even a tiny model learns something.</summary>
internal static class TestCsv
{
    private static readonly string[] Good = ["great", "wonderful", "lovely", "excellent", "superb", "delightful"];
    private static readonly string[] Bad = ["awful", "terrible", "dull", "boring", "dreadful", "horrible"];

    public static string TwoClasses(int rowsPerClass, string salt = "")
    {
        var csv = new StringBuilder("text,label\n");
        for (var i = 0; i < rowsPerClass; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"a {Good[i % Good.Length]} film number {i} {salt},positive\n");
            csv.Append(CultureInfo.InvariantCulture, $"a {Bad[i % Bad.Length]} film number {i} {salt},negative\n");
        }

        return csv.ToString();
    }

    public static string SingleClass(int rows)
    {
        var csv = new StringBuilder("text,label\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"text number {i},positive\n");
        }

        return csv.ToString();
    }
}

using System.Text;
using Platform.Shared.Datasets;

namespace Platform.Shared.Tests.Datasets;

/// <summary>Builds CSV uploads in memory for the reader tests.</summary>
internal static class TestCsv
{
    public static readonly DatasetOptions Options = new();

    /// <summary><paramref name="count"/> distinct rows alternating positive/negative, each line ending with <paramref name="newline"/>.</summary>
    public static string Rows(int count, string newline = "\n", int start = 0)
    {
        var text = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            text.Append("review number ").Append(i).Append(',').Append(i % 2 == 0 ? "positive" : "negative").Append(newline);
        }
        return text.ToString();
    }

    public static DatasetReadResult Read(string csv, DatasetOptions? options = null, Func<string, int>? countTokens = null) =>
        Read(Encoding.UTF8.GetBytes(csv), options, countTokens);

    public static DatasetReadResult Read(byte[] csv, DatasetOptions? options = null, Func<string, int>? countTokens = null)
    {
        using var stream = new MemoryStream(csv, writable: false);
        return DatasetReader.Read(stream, options ?? Options, countTokens);
    }

    public static DatasetError Rejected(DatasetReadResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Dataset);
        return Assert.IsType<DatasetError>(result.Report.Error);
    }

    public static LabeledDataset Accepted(DatasetReadResult result)
    {
        Assert.True(result.Succeeded, result.Report.Error?.Message);
        Assert.Null(result.Report.Error);
        return result.Dataset!;
    }

    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);
}

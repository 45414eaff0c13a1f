using System.Text.Json;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Jobs;

namespace Platform.Pipeline.Tests.Handlers;

public sealed class JobOutputTests
{
    [Fact]
    public void Read_PipelineResultFromTheDefaultDurableConverter_IsRewrittenInTheApiShape()
    {
        const string stored = """{"JobId":"reviews-0123456789ab","Outcome":1,"Attempts":2,"ErrorCode":"DatasetRejected","Error":"The prepared split is not valid JSON lines.","Validation":null,"Metrics":null,"Version":null,"Promoted":false,"PromotionReason":null}""";

        var output = JobOutput.Read(stored)!.Value;

        Assert.Equal("reviews-0123456789ab", output.GetProperty("jobId").GetString());
        Assert.Equal("failed", output.GetProperty("outcome").GetString());
        Assert.Equal(2, output.GetProperty("attempts").GetInt32());
        Assert.Equal("DatasetRejected", output.GetProperty("errorCode").GetString());
        Assert.Equal("The prepared split is not valid JSON lines.", output.GetProperty("error").GetString());
        Assert.False(output.TryGetProperty("Outcome", out _));
        Assert.False(output.TryGetProperty("metrics", out _));
    }

    [Fact]
    public void Read_CamelCasePipelineResultWithMetrics_KeepsEveryValue()
    {
        const string stored = """{"jobId":"reviews-0123456789ab","outcome":"completed","attempts":1,"metrics":{"task":"single-label","count":40,"macroF1":0.9,"microF1":0.91,"weightedF1":0.9,"accuracy":0.91},"version":"0123456789ab","promoted":true,"promotionReason":"first version"}""";

        var output = JobOutput.Read(stored)!.Value;

        Assert.Equal("completed", output.GetProperty("outcome").GetString());
        Assert.Equal(0.9, output.GetProperty("metrics").GetProperty("macroF1").GetDouble());
        Assert.Equal(40, output.GetProperty("metrics").GetProperty("count").GetInt32());
        Assert.Equal("0123456789ab", output.GetProperty("version").GetString());
        Assert.True(output.GetProperty("promoted").GetBoolean());
    }

    [Theory]
    [InlineData("\"reviews-0123456789ab: wrong data\"", JsonValueKind.String)]
    [InlineData("{\"something\":\"else\"}", JsonValueKind.Object)]
    [InlineData("[1,2]", JsonValueKind.Array)]
    [InlineData("not json", JsonValueKind.String)]
    public void Read_AnythingElse_IsPassedOnAsStored(string stored, JsonValueKind kind)
    {
        var output = JobOutput.Read(stored)!.Value;

        Assert.Equal(kind, output.ValueKind);
        Assert.DoesNotContain("outcome", output.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoOutput_IsNull()
    {
        Assert.Null(JobOutput.Read(null));
    }
}

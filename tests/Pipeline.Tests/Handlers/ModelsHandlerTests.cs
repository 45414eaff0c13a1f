namespace Platform.Pipeline.Tests.Handlers;

[Collection(TrainedPackagesCollection.Name)]
public sealed class ModelsHandlerTests(TrainedPackagesFixture packages) : ModelHandlerTestBase
{
    [Fact]
    public async Task ListAsync_PublishedModels_ListsCurrentVersionsWithMetrics()
    {
        var models = Storage.Containers.Models;
        await TrainedPackagesFixture.UploadAsync(models, packages.Sentiment, "sentiment", "v1");
        await TrainedPackagesFixture.SetCurrentAsync(models, "sentiment", "v1");
        await TrainedPackagesFixture.UploadAsync(models, packages.Spam, "unpublished", "v1");

        var result = await Handlers.Models.ListAsync(default);

        Assert.Equal(200, result.StatusCode);
        var listed = Assert.Single(result.ParseBody().GetProperty("models").EnumerateArray());
        Assert.Equal("sentiment", listed.GetProperty("name").GetString());
        Assert.Equal("v1", listed.GetProperty("version").GetString());
        Assert.Equal("sentiment-0123456789ab", listed.GetProperty("jobId").GetString());
        Assert.Equal(TrainedPackagesFixture.PromotedAt, listed.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal("single-label", listed.GetProperty("metrics").GetProperty("task").GetString());
        Assert.InRange(listed.GetProperty("metrics").GetProperty("macroF1").GetDouble(), 0, 1);
        Assert.Equal("/api/models/sentiment/predict", listed.GetProperty("links").GetProperty("predict").GetString());
    }

    [Fact]
    public async Task ListAsync_NoModelsContainer_ReturnsAnEmptyList()
    {
        var result = await Handlers.Models.ListAsync(default);

        Assert.Equal(200, result.StatusCode);
        Assert.Empty(result.ParseBody().GetProperty("models").EnumerateArray());
    }

    [Fact]
    public async Task GetAsync_TwoVersions_ListsBothMarksCurrentAndLinksTheCard()
    {
        var models = Storage.Containers.Models;
        await TrainedPackagesFixture.UploadAsync(models, packages.Sentiment, "sentiment", "v1");
        await TrainedPackagesFixture.UploadAsync(models, packages.Spam, "sentiment", "v2");
        await models.GetBlobClient("sentiment/v2/README.md").UploadAsync(BinaryData.FromString("# sentiment v2"));
        await TrainedPackagesFixture.SetCurrentAsync(models, "sentiment", "v2");

        var result = await Handlers.Models.GetAsync("sentiment", default);

        Assert.Equal(200, result.StatusCode);
        var body = result.ParseBody();
        Assert.Equal("v2", body.GetProperty("current").GetString());
        var versions = body.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetString()!);
        Assert.Equal(["v1", "v2"], versions.Keys.Order());
        Assert.True(versions["v2"].GetProperty("current").GetBoolean());
        Assert.False(versions["v1"].GetProperty("current").GetBoolean());
        Assert.EndsWith("sentiment/v2/README.md", versions["v2"].GetProperty("card").GetString(), StringComparison.Ordinal);
        Assert.False(versions["v1"].TryGetProperty("card", out _));
        Assert.True(versions["v1"].TryGetProperty("metrics", out _));
    }

    [Fact]
    public async Task GetAsync_UnknownModel_Returns404()
    {
        var result = await Handlers.Models.GetAsync("nothing-here", default);

        StartJobHandlerTests.AssertProblem(result, 404);
    }

    [Fact]
    public async Task GetAsync_BadName_Returns400()
    {
        var result = await Handlers.Models.GetAsync("..", default);

        StartJobHandlerTests.AssertProblem(result, 400);
    }
}

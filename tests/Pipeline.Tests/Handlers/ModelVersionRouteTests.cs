using Platform.Pipeline.Storage;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary><c>GET /api/models/{model}/versions/{version}</c> and its <c>/card</c>: one published version's evaluation and model card page.</summary>
[Collection(TrainedPackagesCollection.Name)]
public sealed class ModelVersionRouteTests(TrainedPackagesFixture packages) : ModelHandlerTestBase
{
    private const string Model = "sentiment";

    [Fact]
    public async Task GetVersionAsync_PublishedVersions_ReturnEvaluationMetricsCurrentAndLinks()
    {
        await PublishTwoVersionsAsync();

        var v1 = await Handlers.Models.GetVersionAsync(Model, "v1", default);
        var v2 = await Handlers.Models.GetVersionAsync(Model, "v2", default);

        Assert.Equal(200, v1.StatusCode);
        var body = v1.ParseBody();
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.Equal("v1", body.GetProperty("version").GetString());
        Assert.False(body.GetProperty("current").GetBoolean());
        Assert.True(v2.ParseBody().GetProperty("current").GetBoolean());
        Assert.Equal("single-label", body.GetProperty("metrics").GetProperty("task").GetString());
        Assert.InRange(body.GetProperty("metrics").GetProperty("macroF1").GetDouble(), 0, 1);
        var evaluation = body.GetProperty("evaluation");
        Assert.Equal("sentiment-job-v1", evaluation.GetProperty("jobId").GetString());
        Assert.Equal(0.8, evaluation.GetProperty("summary").GetProperty("macroF1").GetDouble());
        Assert.Equal(0.7, v2.ParseBody().GetProperty("evaluation").GetProperty("summary").GetProperty("macroF1").GetDouble());
        var links = body.GetProperty("links");
        Assert.Equal("/api/models/sentiment/versions/v1", links.GetProperty("self").GetString());
        Assert.Equal("/api/models/sentiment/versions/v1/card", links.GetProperty("card").GetString());
        Assert.Equal("/api/models/sentiment", links.GetProperty("model").GetString());
    }

    [Fact]
    public async Task GetVersionAsync_PackageWithoutEvaluation_ReturnsItsMetricsAndNoEvaluation()
    {
        await TrainedPackagesFixture.UploadAsync(Storage.Containers.Models, packages.Sentiment, Model, "v1");

        var result = await Handlers.Models.GetVersionAsync(Model, "v1", default);

        Assert.Equal(200, result.StatusCode);
        var body = result.ParseBody();
        Assert.Equal("single-label", body.GetProperty("metrics").GetProperty("task").GetString());
        Assert.False(body.TryGetProperty("evaluation", out _));
        Assert.False(body.GetProperty("current").GetBoolean());
    }

    [Theory]
    [InlineData("nothing-here", "v1")]
    [InlineData(Model, "v3")]
    public async Task GetVersionAsync_UnknownModelOrVersion_Returns404(string model, string version)
    {
        await PublishTwoVersionsAsync();

        var result = await Handlers.Models.GetVersionAsync(model, version, default);

        StartJobHandlerTests.AssertProblem(result, 404);
    }

    [Theory]
    [InlineData("..", "v1", "model")]
    [InlineData(Model, "..", "version")]
    [InlineData(Model, "v1/../../other", "version")]
    public async Task GetVersionAsync_BadName_Returns400NamingIt(string model, string version, string field)
    {
        var result = await Handlers.Models.GetVersionAsync(model, version, default);

        Assert.Contains(field, StartJobHandlerTests.AssertProblem(result, 400).Keys);
    }

    [Fact]
    public async Task GetCardAsync_PublishedVersion_ReturnsTheCardPageUnderAStrictContentSecurityPolicy()
    {
        await PublishTwoVersionsAsync();
        var stored = (await Storage.Containers.Models.GetBlobClient($"{Model}/v1/{PipelineBlobs.ModelCardHtmlFile}").DownloadContentAsync()).Value.Content.ToString();

        var result = await Handlers.Models.GetCardAsync(Model, "v1", default);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("text/html; charset=utf-8", result.ContentType);
        Assert.Equal(stored, result.Body);
        Assert.Contains("sentiment — version v1", result.Body, StringComparison.Ordinal);
        var policy = result.Headers["Content-Security-Policy"];
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", result.Headers["X-Content-Type-Options"]);
    }

    [Theory]
    [InlineData("nothing-here", "v1")]
    [InlineData(Model, "v3")]
    public async Task GetCardAsync_UnknownModelOrVersion_Returns404(string model, string version)
    {
        await PublishTwoVersionsAsync();

        var result = await Handlers.Models.GetCardAsync(model, version, default);

        StartJobHandlerTests.AssertProblem(result, 404);
    }

    [Fact]
    public async Task GetCardAsync_PackageWithoutACardPage_Returns404()
    {
        await TrainedPackagesFixture.UploadAsync(Storage.Containers.Models, packages.Sentiment, Model, "v1");

        var result = await Handlers.Models.GetCardAsync(Model, "v1", default);

        StartJobHandlerTests.AssertProblem(result, 404);
    }

    [Fact]
    public async Task GetCardAsync_BadVersion_Returns400()
    {
        var result = await Handlers.Models.GetCardAsync(Model, "..", default);

        Assert.Contains("version", StartJobHandlerTests.AssertProblem(result, 400).Keys);
    }

    /// <summary>v1 (macro-F1 0.8) and v2 (0.7) published, v2 current.</summary>
    private async Task PublishTwoVersionsAsync()
    {
        var models = Storage.Containers.Models;
        await TrainedPackagesFixture.PublishAsync(models, packages.Sentiment, Model, "v1", macroF1: 0.8);
        await TrainedPackagesFixture.PublishAsync(models, packages.Spam, Model, "v2", macroF1: 0.7);
        await TrainedPackagesFixture.SetCurrentAsync(models, Model, "v2");
    }
}

using System.Text.Json;

namespace Platform.Pipeline.Tests.Handlers;

[Collection(TrainedPackagesCollection.Name)]
public sealed class PredictHandlerTests(TrainedPackagesFixture packages) : ModelHandlerTestBase
{
    [Fact]
    public async Task PredictAsync_CurrentVersion_ReturnsLabelsAndScoresForEachText()
    {
        var model = await PublishAsync(packages.Sentiment, "v1");

        var result = await Handlers.Predict.PredictAsync(model, null, "application/json", JobHandlers.Body(new { texts = new[] { "alpha beta", "gamma delta", "kappa" } }), default);

        Assert.Equal(200, result.StatusCode);
        var body = result.ParseBody();
        Assert.Equal("v1", body.GetProperty("version").GetString());
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(3, predictions.Count);
        foreach (var prediction in predictions)
        {
            Assert.Contains(prediction.GetProperty("label").GetString(), new[] { "positive", "negative" });
            var scores = prediction.GetProperty("scores").EnumerateObject().ToDictionary(s => s.Name, s => s.Value.GetDouble());
            Assert.Equal(["negative", "positive"], scores.Keys.Order());
            Assert.Equal(1.0, scores.Values.Sum(), 3);
        }
    }

    [Fact]
    public async Task PredictAsync_SingleText_ReturnsOnePrediction()
    {
        var model = await PublishAsync(packages.Sentiment, "v1");

        var result = await Handlers.Predict.PredictAsync(model, null, "application/json", JobHandlers.Body(new { text = "alpha" }), default);

        Assert.Equal(200, result.StatusCode);
        Assert.Single(result.ParseBody().GetProperty("predictions").EnumerateArray());
    }

    [Fact]
    public async Task PredictAsync_CurrentJsonSwitchedToAnotherVersion_NextCallUsesIt()
    {
        var model = await PublishAsync(packages.Sentiment, "v1");
        await TrainedPackagesFixture.UploadAsync(Storage.Containers.Models, packages.Spam, model, "v2");
        var before = await Handlers.Predict.PredictAsync(model, null, "application/json", JobHandlers.Body(new { text = "alpha" }), default);

        await TrainedPackagesFixture.SetCurrentAsync(Storage.Containers.Models, model, "v2");
        var after = await Handlers.Predict.PredictAsync(model, null, "application/json", JobHandlers.Body(new { text = "alpha" }), default);
        var pinned = await Handlers.Predict.PredictAsync(model, "v1", "application/json", JobHandlers.Body(new { text = "alpha" }), default);

        Assert.Equal("v1", before.ParseBody().GetProperty("version").GetString());
        Assert.Equal("v2", after.ParseBody().GetProperty("version").GetString());
        Assert.Contains(FirstLabel(after), new[] { "ham", "spam" });
        Assert.Contains(FirstLabel(pinned), new[] { "positive", "negative" });
    }

    [Fact]
    public async Task PredictAsync_ManyConcurrentCallsWhileLoading_AllSucceedWithTheSameAnswer()
    {
        var model = await PublishAsync(packages.Sentiment, "v1");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            Handlers.Predict.PredictAsync(model, null, "application/json", JobHandlers.Body(new { texts = new[] { "alpha beta", "zeta eta" } }), default))));

        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.Single(results.Select(r => r.Body).Distinct());
        Assert.Single(Directory.EnumerateDirectories(Handlers.Options.PackageCacheDirectory!, "v1-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PredictAsync_TooManyTexts_Returns400WithTheLimit()
    {
        var model = await PublishAsync(packages.Sentiment, "v1");

        var result = await Handlers.Predict.PredictAsync(model, null, "application/json", JobHandlers.Body(new { texts = Enumerable.Repeat("alpha", 9) }), default);

        Assert.Contains("limit is 8", StartJobHandlerTests.AssertProblem(result, 400)["texts"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PredictAsync_TextTooLong_Returns400NamingIt()
    {
        var result = await Handlers.Predict.PredictAsync("anything", null, "application/json", JobHandlers.Body(new { texts = new[] { "ok", new string('x', 201) } }), default);

        Assert.Contains("201 characters", StartJobHandlerTests.AssertProblem(result, 400)["texts[1]"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PredictAsync_BodyOverTheByteLimit_Returns413SpeakingOfTexts()
    {
        var result = await Handlers.Predict.PredictAsync("anything", null, "application/json", JobHandlers.Body(new { text = new string('x', 5000) }), default);

        StartJobHandlerTests.AssertProblem(result, 413);
        Assert.Contains("fewer or shorter texts", result.ParseBody().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    [InlineData("")]
    public async Task PredictAsync_BodyThatIsNotDeclaredJson_Returns415(string? contentType)
    {
        var model = await PublishAsync(packages.Sentiment, "v1");

        var result = await Handlers.Predict.PredictAsync(model, null, contentType, JobHandlers.Body(new { text = "alpha" }), default);

        StartJobHandlerTests.AssertProblem(result, 415);
        Assert.Contains("Content-Type: application/json", result.ParseBody().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/problem+json")]
    public async Task PredictAsync_JsonWithParametersOrSuffix_IsAccepted(string contentType)
    {
        var model = await PublishAsync(packages.Sentiment, "v1");

        var result = await Handlers.Predict.PredictAsync(model, null, contentType, JobHandlers.Body(new { text = "alpha" }), default);

        Assert.Equal(200, result.StatusCode);
    }

    [Theory]
    [InlineData("""{"texts":[]}""", "texts")]
    [InlineData("""{"texts":["a",3]}""", "texts[1]")]
    [InlineData("""{"text":"a","texts":["b"]}""", "body")]
    [InlineData("""{"input":"a"}""", "input")]
    [InlineData("""["a"]""", "body")]
    public async Task PredictAsync_MalformedBody_Returns400NamingTheField(string json, string field)
    {
        var result = await Handlers.Predict.PredictAsync("anything", null, "application/json", JobHandlers.Body(json), default);

        Assert.Contains(field, StartJobHandlerTests.AssertProblem(result, 400).Keys);
    }

    [Fact]
    public async Task PredictAsync_PackageMadeBeforeOnnxGraphs_ReturnsAModelUnavailableProblemNamingTheExportCommandAndTheBlobs()
    {
        var old = Directory.CreateTempSubdirectory("old-package-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(packages.Sentiment))
            {
                File.Copy(file, Path.Combine(old, Path.GetFileName(file)));
            }

            TestSupport.PackageWithoutOnnx.Make(old);
            var model = "m" + Guid.NewGuid().ToString("N")[..12];
            await TrainedPackagesFixture.UploadAsync(Storage.Containers.Models, old, model, "v1");
            await TrainedPackagesFixture.SetCurrentAsync(Storage.Containers.Models, model, "v1");

            var result = await Handlers.Predict.PredictAsync(model, null, "application/json", JobHandlers.Body(new { text = "alpha" }), default);

            Assert.Equal(500, result.StatusCode);
            Assert.Equal("urn:platform:problem:model-unavailable", result.ParseBody().GetProperty("type").GetString());
            var detail = result.ParseBody().GetProperty("detail").GetString();
            Assert.Contains("`runner export --model <that folder>`", detail, StringComparison.Ordinal);
            Assert.Contains($"{model}/v1/", detail, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(old, recursive: true);
        }
    }

    [Fact]
    public async Task PredictAsync_UnknownModel_Returns404()
    {
        var result = await Handlers.Predict.PredictAsync(TestStorage.UniqueModelName("missing"), null, "application/json", JobHandlers.Body(new { text = "a" }), default);

        StartJobHandlerTests.AssertProblem(result, 404);
    }

    [Fact]
    public async Task PredictAsync_UnknownVersion_Returns404()
    {
        var model = await PublishAsync(packages.Sentiment, "v1");

        var result = await Handlers.Predict.PredictAsync(model, "v9", "application/json", JobHandlers.Body(new { text = "a" }), default);

        StartJobHandlerTests.AssertProblem(result, 404);
        Assert.Contains("'v9'", result.ParseBody().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../models", null, "model")]
    [InlineData("Upper", null, "model")]
    [InlineData("reviews", "../v1", "version")]
    public async Task PredictAsync_PathTricksInNames_Returns400(string model, string? version, string field)
    {
        var result = await Handlers.Predict.PredictAsync(model, version, "application/json", JobHandlers.Body(new { text = "a" }), default);

        Assert.Contains(field, StartJobHandlerTests.AssertProblem(result, 400).Keys);
    }

    [Fact]
    public async Task PredictAsync_TamperedPackage_Returns500NamingTheFile()
    {
        var model = await PublishAsync(packages.Sentiment, "v1");
        await Storage.Containers.Models.GetBlobClient($"{model}/v1/labels.json").UploadAsync(BinaryData.FromString("""{"labels":["a","b"],"multiLabel":false}"""), overwrite: true);

        var result = await Handlers.Predict.PredictAsync(model, null, "application/json", JobHandlers.Body(new { text = "a" }), default);

        StartJobHandlerTests.AssertProblem(result, 500);
        Assert.Contains("labels.json", result.ParseBody().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> PublishAsync(string package, string version)
    {
        var model = TestStorage.UniqueModelName("predict");
        await TrainedPackagesFixture.UploadAsync(Storage.Containers.Models, package, model, version);
        await TrainedPackagesFixture.SetCurrentAsync(Storage.Containers.Models, model, version);
        return model;
    }

    private static string? FirstLabel(Platform.Pipeline.Handlers.HandlerResult result) =>
        result.ParseBody().GetProperty("predictions")[0].GetProperty("label").GetString();
}

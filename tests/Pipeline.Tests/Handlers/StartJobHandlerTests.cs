using System.Text.Json;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline.Tests.Handlers;

[Collection(DurableCollection.Name)]
public sealed class StartJobHandlerTests(DurableHostFixture durable) : JobHandlerTestBase(durable)
{
    [Fact]
    public async Task StartAsync_SameBlobAndOptionsTwice_StartsOneInstanceAndReturnsItAgain()
    {
        var model = TestStorage.UniqueModelName("reviews");
        await Handlers.UploadDatasetAsync("reviews.csv");

        var first = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = "reviews.csv", training = new { epochs = 2 } }), default);
        var second = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = "reviews.csv", training = new { epochs = 2 } }), default);

        Assert.Equal(202, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        var id = first.ParseBody().GetProperty("id").GetString()!;
        Assert.StartsWith(model + "-", id, StringComparison.Ordinal);
        Assert.Equal(id, second.ParseBody().GetProperty("id").GetString());
        Assert.Equal($"/api/jobs/{id}", first.Headers["Location"]);
        var instance = await Handlers.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.NotNull(instance);
        var command = instance.ReadInputAs<TrainingPipelineInput>()!;
        Assert.Equal(model, command.Model);
        Assert.Equal("reviews.csv", command.DatasetBlob);
        Assert.Equal(2, command.Training.Epochs);
        Assert.Equal("minilm-l6", command.BaseModel);
        Assert.Equal(id, command.JobId);
    }

    [Fact]
    public async Task StartAsync_DefaultsSpelledOut_FindTheSameJobAsOmittedOptions()
    {
        var model = TestStorage.UniqueModelName("reviews");
        await Handlers.UploadDatasetAsync("data/reviews.csv");

        var first = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = "data/reviews.csv" }), default);
        var second = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = "data/reviews.csv", baseModel = "MiniLM-L6", training = new { epochs = (int?)null, learningRate = (double?)null, batchSize = 32 }, datasetOptions = new { textColumn = "text" } }), default);

        Assert.Equal(202, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(first.ParseBody().GetProperty("id").GetString(), second.ParseBody().GetProperty("id").GetString());
    }

    [Fact]
    public async Task StartAsync_ConfiguredDefaults_FillWhatTheRequestLeavesOut()
    {
        var model = TestStorage.UniqueModelName("reviews");
        await Handlers.UploadDatasetAsync("reviews.csv");
        var pipeline = new PipelineOptions
        {
            Defaults = new JobDefaults
            {
                BaseModel = "tiny-random",
                Training = new TrainingOptions { Epochs = 7, LearningRate = 1e-4 },
                Dataset = new DatasetOptions { TextColumn = "review" },
            },
        };

        var first = await Handlers.StartWith(pipeline).StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = "reviews.csv", training = new { batchSize = 8 } }), default);
        var second = await Handlers.StartWith(pipeline).StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = "reviews.csv", baseModel = "minilm-l6", training = new { epochs = 2 } }), default);

        Assert.Equal((202, 202), (first.StatusCode, second.StatusCode));
        var merged = await InputAsync(first);
        Assert.Equal(("tiny-random", (int?)7, (double?)1e-4, 8, "review"),
            (merged.BaseModel, merged.Training.Epochs, merged.Training.LearningRate, merged.Training.BatchSize, merged.Dataset.TextColumn));
        var overridden = await InputAsync(second);
        Assert.Equal(("minilm-l6", (int?)2, (double?)1e-4, new TrainingOptions().BatchSize),
            (overridden.BaseModel, overridden.Training.Epochs, overridden.Training.LearningRate, overridden.Training.BatchSize));
    }

    [Fact]
    public async Task StartAsync_Force_StartsANewJobWithAnotherId()
    {
        var model = TestStorage.UniqueModelName("reviews");
        await Handlers.UploadDatasetAsync("reviews.csv");

        var first = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = "reviews.csv" }), default);
        var forced = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = "reviews.csv", force = true }), default);

        Assert.Equal(202, first.StatusCode);
        Assert.Equal(202, forced.StatusCode);
        Assert.NotEqual(first.ParseBody().GetProperty("id").GetString(), forced.ParseBody().GetProperty("id").GetString());
    }

    [Fact]
    public async Task StartAsync_UnknownOptions_Returns400NamingEachOne()
    {
        await Handlers.UploadDatasetAsync("reviews.csv");

        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body("""{"model":"reviews","dataset":"reviews.csv","colour":"red","training":{"epochz":3},"datasetOptions":{"textColum":"t"}}"""), default);

        var errors = AssertProblem(result, 400);
        Assert.Contains("colour", errors.Keys);
        Assert.Contains("training.epochz", errors.Keys);
        Assert.Contains("datasetOptions.textColum", errors.Keys);
        Assert.Contains("epochs", errors["training.epochz"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidValues_Returns400SayingWhatIsWrong()
    {
        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body("""{"model":"reviews","dataset":"reviews.csv","training":{"batchSize":"big","epochs":0,"classWeighting":"heavy"},"datasetOptions":{"minRows":1},"force":"yes"}"""), default);

        var errors = AssertProblem(result, 400);
        Assert.Contains("whole number", errors["training.batchSize"], StringComparison.Ordinal);
        Assert.Contains("balanced", errors["training.classWeighting"], StringComparison.Ordinal);
        Assert.Contains("force", errors.Keys);
    }

    [Fact]
    public async Task StartAsync_OutOfRangeValues_Returns400WithTheLimits()
    {
        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body("""{"model":"reviews","dataset":"reviews.csv","training":{"epochs":0,"maxLength":4},"datasetOptions":{"minRows":1}}"""), default);

        var errors = AssertProblem(result, 400);
        Assert.Contains("at least 1", errors["training.epochs"], StringComparison.Ordinal);
        Assert.Contains("between 8 and 512", errors["training.maxLength"], StringComparison.Ordinal);
        Assert.Contains("at least 2", errors["datasetOptions.minRows"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("Reviews")]
    [InlineData("a")]
    public async Task StartAsync_BadModelName_Returns400(string model)
    {
        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = "reviews.csv" }), default);

        var errors = AssertProblem(result, 400);
        Assert.Contains("lowercase", errors["model"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../secrets.csv")]
    public async Task StartAsync_PathTrickInDatasetName_Returns400(string dataset)
    {
        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model = "reviews", dataset }), default);

        Assert.Contains("relative path", AssertProblem(result, 400)["dataset"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MissingDatasetBlob_Returns400NamingTheBlob()
    {
        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model = "reviews", dataset = "nowhere.csv" }), default);

        var errors = AssertProblem(result, 400);
        Assert.Contains("'nowhere.csv' was not found", errors["dataset"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnknownBaseModel_Returns400()
    {
        await Handlers.UploadDatasetAsync("reviews.csv");

        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model = "reviews", dataset = "reviews.csv", baseModel = "my-bert" }), default);

        Assert.Contains("my-bert/config.json", AssertProblem(result, 400)["baseModel"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NotJson_Returns400ProblemJson()
    {
        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body("{model:"), default);

        Assert.Equal(HandlerResult.ProblemContentType, result.ContentType);
        Assert.Contains("not valid JSON", AssertProblem(result, 400)["body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_BodyOverTheLimit_Returns413SayingWhatTheBodyHolds()
    {
        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model = "reviews", dataset = "reviews.csv", csv = new string('x', 100_000) }), default);

        AssertProblem(result, 413);
        var detail = result.ParseBody().GetProperty("detail").GetString()!;
        Assert.Contains("dataset blob's name", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("texts", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"learningRate":-1}""", "training.learningRate")]
    [InlineData("""{"learningRate":"fast"}""", "training.learningRate")]
    [InlineData("""{"epochs":0}""", "training.epochs")]
    [InlineData("""{"epochz":2}""", "training.epochz")]
    public async Task StartAsync_BadTrainingOption_NamesTheFieldsPath(string training, string path)
    {
        var body = $$"""{"model":"reviews","dataset":"reviews.csv","training":{{training}}}""";

        var result = await Handlers.Start.StartAsync(Handlers.Client, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)), default);

        var errors = AssertProblem(result, 400);
        Assert.Equal([path], errors.Keys);
    }

    [Fact]
    public async Task StartAsync_BadDatasetOption_NamesTheFieldsPath()
    {
        var result = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model = "reviews", dataset = "reviews.csv", datasetOptions = new { delimiter = "x" } }), default);

        Assert.Equal(["datasetOptions.delimiter"], AssertProblem(result, 400).Keys);
    }

    internal static Dictionary<string, string> AssertProblem(HandlerResult result, int status)
    {
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(HandlerResult.ProblemContentType, result.ContentType);
        var body = result.ParseBody();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.StartsWith("urn:", body.GetProperty("type").GetString(), StringComparison.Ordinal);
        return body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(e => e.Name, e => string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString())))
            : [];
    }

    private async Task<TrainingPipelineInput> InputAsync(HandlerResult started)
    {
        var instance = await Handlers.Client.GetInstanceAsync(started.ParseBody().GetProperty("id").GetString()!, getInputsAndOutputs: true);
        return instance!.ReadInputAs<TrainingPipelineInput>()!;
    }
}

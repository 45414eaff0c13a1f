using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Uploads;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Handlers;

[Collection(DurableCollection.Name)]
public sealed class DatasetUploadHandlerTests(DurableHostFixture durable) : JobHandlerTestBase(durable)
{
    [Fact]
    public async Task HandleAsync_OptionsWithAnUnknownField_RecordsAFailedJobWithTheProblem()
    {
        var model = TestStorage.UniqueModelName("reviews");
        await Handlers.UploadDatasetAsync($"{model}.csv");
        await Handlers.Containers.Datasets.GetBlobClient($"{model}.options.json").UploadAsync(BinaryData.FromString("""{"training":{"epochz":3}}"""), overwrite: true);

        var result = await Handlers.Upload.HandleAsync(Handlers.Client, $"{model}.csv", default);

        Assert.Equal(400, result.StatusCode);
        var jobId = result.Headers["Location"].Split('/')[^1];
        Assert.StartsWith(model + "-", jobId, StringComparison.Ordinal);
        var input = (await Handlers.Client.GetInstanceAsync(jobId, getInputsAndOutputs: true))!.ReadInputAs<TrainingPipelineInput>()!;
        Assert.NotNull(input.Rejection);
        Assert.Contains("training.epochz", input.Rejection.Detail, StringComparison.Ordinal);
        Assert.Equal($"{model}.csv", input.Rejection.DatasetBlob);
        var problem = (await Handlers.Containers.Jobs.GetBlobClient(JobBlobs.Problem(jobId)).DownloadContentAsync()).Value.Content.ToString();
        Assert.Equal(result.Body, problem);
    }

    [Fact]
    public async Task HandleAsync_SameRefusedUploadTwice_RecordsOneJob()
    {
        var model = TestStorage.UniqueModelName("reviews");
        await Handlers.UploadDatasetAsync($"{model}.csv");
        await Handlers.Containers.Datasets.GetBlobClient($"{model}.options.json").UploadAsync(BinaryData.FromString("{not json"), overwrite: true);

        var first = await Handlers.Upload.HandleAsync(Handlers.Client, $"{model}.csv", default);
        var second = await Handlers.Upload.HandleAsync(Handlers.Client, $"{model}.csv", default);

        Assert.Equal(400, first.StatusCode);
        Assert.Equal(first.Headers["Location"], second.Headers["Location"]);
        var listed = (await Handlers.List.ListAsync(Handlers.Client, model, top: null, default)).ParseBody().GetProperty("jobs");
        Assert.Equal(1, listed.GetArrayLength());
    }

    [Fact]
    public async Task HandleAsync_UnknownBaseModel_IsRecordedNamingTheBaseModel()
    {
        var model = TestStorage.UniqueModelName("reviews");
        await Handlers.UploadDatasetAsync($"{model}.csv");
        await Handlers.Containers.Datasets.GetBlobClient($"{model}.options.json").UploadAsync(BinaryData.FromString("""{"baseModel":"my-bert"}"""), overwrite: true);

        var result = await Handlers.Upload.HandleAsync(Handlers.Client, $"{model}.csv", default);

        var jobId = result.Headers["Location"].Split('/')[^1];
        var input = (await Handlers.Client.GetInstanceAsync(jobId, getInputsAndOutputs: true))!.ReadInputAs<TrainingPipelineInput>()!;
        Assert.Contains("my-bert", input.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ValidUpload_StartsTrainingWithoutARejection()
    {
        var model = TestStorage.UniqueModelName("reviews");
        await Handlers.UploadDatasetAsync($"{model}.csv");

        var result = await Handlers.Upload.HandleAsync(Handlers.Client, $"{model}.csv", default);

        Assert.Equal(202, result.StatusCode);
        var jobId = result.ParseBody().GetProperty("id").GetString()!;
        Assert.Null((await Handlers.Client.GetInstanceAsync(jobId, getInputsAndOutputs: true))!.ReadInputAs<TrainingPipelineInput>()!.Rejection);
        Assert.False(await Handlers.Containers.Jobs.GetBlobClient(JobBlobs.Problem(jobId)).ExistsAsync());
    }

    [Theory]
    [InlineData("reviews", "reviews")]
    [InlineData("my reviews!", "my-reviews")]
    [InlineData("Über_Daten", "ber-daten")]
    [InlineData("a", "upload")]
    [InlineData("!!!", "upload")]
    public void ListedModel_AnyUploadName_GivesAValidModelName(string model, string expected)
    {
        var listed = DatasetUploadHandler.ListedModel(model);

        Assert.Equal(expected, listed);
        Assert.True(ModelNames.IsValid(listed));
    }
}

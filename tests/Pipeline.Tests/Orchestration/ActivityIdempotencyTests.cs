using Platform.Modeling.BaseModels;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Storage;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Orchestration;

[Collection(PipelineCollection.Name)]
public sealed class ActivityIdempotencyTests(PipelineFixture fixture)
{
    [Fact]
    public async Task PrepareDataset_RunTwice_WritesIdenticalSplitsAndReport()
    {
        var (jobId, input) = await PrepareInputAsync();

        var first = await Prepare(jobId, input);
        var before = await BlobSnapshot.TakeAsync(fixture.Storage.Jobs, jobId + "/");
        var second = await Prepare(jobId, input);
        var after = await BlobSnapshot.TakeAsync(fixture.Storage.Jobs, jobId + "/");

        Assert.True(first.IsValid);
        Assert.Equal((first.TrainCount, first.ValidationCount, first.TestCount), (second.TrainCount, second.ValidationCount, second.TestCount));
        Assert.Equal(4, before.Count);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task PrepareDataset_ChineseUpload_ReportsTheUnknownTokensBeforeAndAfterExtendingTheVocabulary()
    {
        await fixture.EnsureStorageAsync();
        var model = PipelineFixture.NewModelName();
        var rows = Enumerable.Range(0, 30).SelectMany(i => new[] { $"房间很好，服务也好，第{i}次住这里,正面", $"房间太小，又吵又脏，第{i}次失望,负面" });
        await fixture.UploadDatasetAsync($"{model}.csv", "text,label\n" + string.Join("\n", rows) + "\n");
        var jobId = $"{model}-zh";
        var input = new PrepareDatasetInput(jobId, $"{model}.csv", BaseModelResolver.TinyRandom, new DatasetOptions(), new SplitOptions());

        await Prepare(jobId, input);

        var stored = await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Report(jobId)).DownloadContentAsync();
        var unknown = ValidationReport.FromJson(stored.Value.Content.ToString()).UnknownTokens;
        Assert.NotNull(unknown);
        Assert.True(unknown.UnknownRate > 0.2, $"[UNK] rate {unknown.UnknownRate}");
        Assert.True(unknown.AddedTokens > 0);
        Assert.True(unknown.UnknownRateAfter < unknown.UnknownRate / 4, $"[UNK] rate after {unknown.UnknownRateAfter}");
        Assert.Contains("auto:", unknown.Decision, StringComparison.Ordinal);
        Assert.NotEmpty(unknown.MostFrequentUnknown);
    }

    [Fact]
    public async Task PrepareDataset_MissingBlob_ReturnsActionableReport()
    {
        await fixture.EnsureStorageAsync();
        var input = new PrepareDatasetInput("missing-job", "no-such.csv", BaseModelResolver.TinyRandom, new DatasetOptions(), new SplitOptions());

        var result = await Prepare("missing-job", input);

        Assert.False(result.IsValid);
        Assert.Equal(PrepareDataset.DatasetNotFound, result.Report.Error?.Code);
    }

    [Fact]
    public async Task PrepareDataset_TooFewRowsPerClassToSplit_RejectsBeforeAnythingIsDispatched()
    {
        await fixture.EnsureStorageAsync();
        var model = PipelineFixture.NewModelName();
        // Accepted by the reader (minimum lowered to 4 rows), but two rows a class all go to train: validation would be empty.
        await fixture.UploadDatasetAsync($"{model}.csv", "text,label\ngood film,positive\ngreat cast,positive\ndull plot,negative\nbad acting,negative\n");
        var jobId = $"{model}-tiny";
        var input = new PrepareDatasetInput(jobId, $"{model}.csv", BaseModelResolver.TinyRandom, new DatasetOptions { MinRows = 4 }, new SplitOptions());

        var result = await Prepare(jobId, input);

        Assert.False(result.IsValid);
        Assert.Equal(DatasetErrorCodes.TooFewRowsToSplit, result.Report.Error?.Code);
        Assert.Contains("validation split would be empty", result.Report.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("'negative': 2", result.Report.Error?.Message, StringComparison.Ordinal);
        var written = await BlobSnapshot.TakeAsync(fixture.Storage.Jobs, jobId + "/");
        Assert.Equal([JobBlobs.Report(jobId)], written.Keys);
    }

    [Fact]
    public async Task DispatchTraining_RunTwice_DeliversOneMessage()
    {
        await fixture.EnsureStorageAsync();
        var jobId = $"{PipelineFixture.NewModelName()}-dispatch";
        var request = new TrainingJobRequested(jobId, 1, "model", BaseModelResolver.TinyRandom, PipelineFixture.FastTraining, new DatasetOptions(), DateTimeOffset.UnixEpoch);
        var activity = fixture.Activity<DispatchTraining>();

        await activity.RunAsync(new TestActivityContext(nameof(DispatchTraining), jobId), new DispatchTrainingInput(request));
        await activity.RunAsync(new TestActivityContext(nameof(DispatchTraining), jobId), new DispatchTrainingInput(request));

        var received = await fixture.ReceiveDispatchAsync(request.MessageId, TimeSpan.FromSeconds(20));
        Assert.Equal(request, received);
        Assert.Null(await fixture.ReceiveDispatchAsync(request.MessageId, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task EvaluateModel_RunTwice_WritesIdenticalMetrics()
    {
        var (jobId, input) = await PrepareInputAsync();
        await Prepare(jobId, input);
        await fixture.UploadPackageAsync(jobId);
        var activity = fixture.Activity<EvaluateModel>();

        var first = await activity.RunAsync(new TestActivityContext(nameof(EvaluateModel), jobId), new EvaluateModelInput(jobId, 4));
        var before = await BlobSnapshot.TakeAsync(fixture.Storage.Jobs, jobId + "/evaluation/");
        var second = await activity.RunAsync(new TestActivityContext(nameof(EvaluateModel), jobId), new EvaluateModelInput(jobId, 4));
        var after = await BlobSnapshot.TakeAsync(fixture.Storage.Jobs, jobId + "/evaluation/");

        Assert.Equal(first, second);
        Assert.Equal(4, first.Evaluated);
        Assert.True(first.Available >= 4);
        Assert.Contains(jobId + "/evaluation/metrics.json", before.Keys);
        Assert.Contains(PipelineBlobs.ConfusionMatrix(jobId), before.Keys);
        Assert.Equal(before, after);
    }

    private async Task<(string JobId, PrepareDatasetInput Input)> PrepareInputAsync()
    {
        await fixture.EnsureStorageAsync();
        var model = PipelineFixture.NewModelName();
        await fixture.UploadDatasetAsync($"{model}.csv", TestCsv.TwoClasses(30, salt: model));
        var jobId = $"{model}-prep";
        return (jobId, new PrepareDatasetInput(jobId, $"{model}.csv", BaseModelResolver.TinyRandom, new DatasetOptions(), new SplitOptions()));
    }

    private Task<PrepareDatasetResult> Prepare(string jobId, PrepareDatasetInput input) =>
        fixture.Activity<PrepareDataset>().RunAsync(new TestActivityContext(nameof(PrepareDataset), jobId), input);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Pipeline.Telemetry;
using Platform.Runner;
using Platform.Shared.Jobs;

namespace Platform.EndToEnd;

/// <summary>Upload → orchestration → broker → runner → evaluate → publish → predict, through DevHost's HTTP routes.</summary>
public sealed class TrainingTests(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    [Fact]
    public async Task Upload_SeparableCsv_TrainsPublishesAndPredicts()
    {
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), Datasets.TinyOptions());

        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        Assert.True(await platform.Models.GetBlobClient($"{model}/current.json").ExistsAsync());

        using var response = await platform.Http.PostAsJsonAsync(
            new Uri($"/api/models/{model}/predict", UriKind.Relative),
            new { texts = new[] { "wonderful excellent great", "terrible awful horrible" } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(2, predictions.Count);
        foreach (var prediction in predictions)
        {
            Assert.Contains(prediction.GetProperty("label").GetString(), new[] { "positive", "negative" });
            var scores = prediction.GetProperty("scores").EnumerateObject().ToList();
            Assert.Equal(new[] { "negative", "positive" }, scores.Select(s => s.Name).Order());
            Assert.All(scores, s => Assert.InRange(s.Value.GetSingle(), 0f, 1f));
        }

        // The job view carries the curves; the published version goes through the gate again, as a promotion does.
        Assert.NotEmpty(job.GetProperty("progress").GetProperty("lossHistory").EnumerateArray());
        Assert.NotEmpty(job.GetProperty("progress").GetProperty("validationHistory").EnumerateArray());
        var detail = await platform.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/models/{model}", UriKind.Relative));
        var version = detail.GetProperty("current").GetString();
        Assert.Contains("first version", detail.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var promoted = await platform.Http.PostAsJsonAsync(new Uri($"/api/models/{model}/current", UriKind.Relative), new { version });
        var promotion = await promoted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(promoted.StatusCode == HttpStatusCode.OK, promotion.ToString());
        Assert.Equal((version, false), (promotion.GetProperty("version").GetString(), promotion.GetProperty("promoted").GetBoolean()));
        using var unknown = await platform.Http.PostAsJsonAsync(new Uri($"/api/models/{model}/current", UriKind.Relative), new { version = "no-such-version" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Upload_SeparableCsv_TheRunnersJobSpanContinuesTheDispatchTrace()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PipelineTelemetry.Name or RunnerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), Datasets.TinyOptions());
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(3));
        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());

        bool Of(Activity span, string name) => span.OperationName == name && (span.GetTagItem(PipelineTelemetry.JobIdKey) as string) == jobId;
        // The runner ends its span when it has settled the message, which may come after the job's last step.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!spans.Any(s => Of(s, "runner.job")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var dispatch = Assert.Single(spans, s => Of(s, "DispatchTraining"));
        var runnerJob = Assert.Single(spans, s => Of(s, "runner.job"));
        Assert.Equal((dispatch.TraceId, dispatch.SpanId), (runnerJob.TraceId, runnerJob.ParentSpanId));
        Assert.Equal("succeeded", runnerJob.GetTagItem("job.outcome"));
        Assert.Equal(runnerJob.SpanId, Assert.Single(spans, s => Of(s, "runner.train")).ParentSpanId);
    }

    [Fact]
    public async Task Upload_Sst2RowsOnPretrainedMiniLm_PredictsClearSentimentsRight()
    {
        var model = PlatformFixture.NewModelName();
        // 800 real SST-2 phrases (640 to train on): one epoch of 40 steps on the built-in MiniLM, about 20 s on two cores.
        await platform.UploadAsync(model, Datasets.Sst2Sample(800),
            """{"baseModel":"minilm-l6","training":{"epochs":1,"learningRate":2e-4,"batchSize":16,"maxLength":64,"device":"cpu"}}""");

        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(4));

        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        // Held-out SST-2 phrases the model never saw (the evaluation's sample of the test split); chance is 0.5.
        var macroF1 = job.GetProperty("output").GetProperty("metrics").GetProperty("macroF1").GetDouble();
        Assert.True(macroF1 > 0.7, $"held-out macro-F1 {macroF1}");
        string[] positive = ["a gripping, beautifully acted film", "an absolute delight from start to finish", "one of the best films of the year"];
        string[] negative = ["a dull and lifeless mess", "boring, tedious and painfully stupid", "the worst movie i have seen in years"];
        using var response = await platform.Http.PostAsJsonAsync(
            new Uri($"/api/models/{model}/predict", UriKind.Relative), new { texts = positive.Concat(negative).ToArray() });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.True(
            Enumerable.Repeat("positive", positive.Length).Concat(Enumerable.Repeat("negative", negative.Length))
                .SequenceEqual(body.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("label").GetString())),
            body.ToString());
        Assert.Equal("minilm-l6", (await platform.ReadJobJsonAsync(JobBlobs.ModelPrefix(jobId) + "training.json"))?.GetProperty("baseModel").GetString());
    }

    [Fact]
    public async Task Cancel_WhileTraining_EndsCancelledWithoutPublishing()
    {
        var model = PlatformFixture.NewModelName();
        // Long enough (100 epochs over 300 rows, never stopping early: separable data stops improving at once) that the cancel lands while the runner is still training.
        await platform.UploadAsync(model, Datasets.Separable(300), Datasets.TinyOptions(epochs: 100, earlyStoppingPatience: 0));
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        await platform.WaitForPhaseAsync(jobId, "training", TimeSpan.FromMinutes(1));

        using var cancel = await platform.Http.PostAsync(new Uri($"/api/jobs/{jobId}/cancel", UriKind.Relative), content: null);
        Assert.True(cancel.StatusCode == HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());

        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(1));
        Assert.True(job.GetProperty("phase").GetString() == "cancelled", job.ToString());
        Assert.False(await platform.Models.GetBlobClient($"{model}/current.json").ExistsAsync());
    }
}

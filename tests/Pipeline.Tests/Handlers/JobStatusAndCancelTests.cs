using System.Text.Json;
using Microsoft.DurableTask.Client;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Handlers;

[Collection(DurableCollection.Name)]
public sealed class JobStatusAndCancelTests(DurableHostFixture durable) : JobHandlerTestBase(durable)
{
    [Fact]
    public async Task GetAsync_RunnerWroteStatusJson_MergesProgressAndSaysTrainingBeforeTheOrchestratorDoes()
    {
        var id = await StartJobAsync();
        Assert.Equal("queued", (await Handlers.Status.GetAsync(Handlers.Client, id, default)).ParseBody().GetProperty("phase").GetString());
        var progress = new JobStatusDocument
        {
            JobId = id, Attempt = 1, Phase = "training", Percent = 42.5, Epoch = 1, Epochs = 3, Step = 17, TotalSteps = 40,
            Loss = 0.61, SequencesPerSecond = 123.4, EtaSeconds = 95, ValidationMacroF1 = 0.71, HeartbeatAt = DateTimeOffset.UtcNow,
            ResumedFromStep = 10,
            LossHistory = [new(5, 0.9), new(10, 0.7), new(15, 0.62)],
            ValidationHistory = [new(10, 0.71)],
        };
        await WriteStatusAsync(id, progress);

        var result = await Handlers.Status.GetAsync(Handlers.Client, id, default);

        Assert.Equal(200, result.StatusCode);
        var body = result.ParseBody();
        // The orchestration itself still says queued: only its next watchdog check would see the heartbeat.
        Assert.Contains("queued", (await Handlers.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.SerializedCustomStatus, StringComparison.Ordinal);
        Assert.Equal("training", body.GetProperty("phase").GetString());
        Assert.Equal("running", body.GetProperty("runtimeStatus").GetString());
        Assert.False(body.GetProperty("terminal").GetBoolean());
        var merged = body.GetProperty("progress");
        Assert.Equal(42.5, merged.GetProperty("percent").GetDouble());
        Assert.Equal(17, merged.GetProperty("step").GetInt32());
        Assert.Equal(95, merged.GetProperty("etaSeconds").GetDouble());
        Assert.Equal(0.71, merged.GetProperty("validationMacroF1").GetDouble());
        Assert.Equal(10, merged.GetProperty("resumedFromStep").GetInt32());
        Assert.Equal([(5, 0.9), (10, 0.7), (15, 0.62)], merged.GetProperty("lossHistory").EnumerateArray().Select(p => (p.GetProperty("step").GetInt32(), p.GetProperty("value").GetDouble())));
        Assert.Equal(0.71, Assert.Single(merged.GetProperty("validationHistory").EnumerateArray()).GetProperty("value").GetDouble());
        Assert.Equal($"/api/jobs/{id}/cancel", body.GetProperty("links").GetProperty("cancel").GetString());

        // The list says where the job is: percent, ETA and the current training loss.
        var listed = (await Handlers.List.ListAsync(Handlers.Client, model: null, top: "100", default)).ParseBody().GetProperty("jobs").EnumerateArray()
            .Single(j => j.GetProperty("id").GetString() == id);
        Assert.Equal((42.5, 95.0, 0.61), (listed.GetProperty("percent").GetDouble(), listed.GetProperty("etaSeconds").GetDouble(), listed.GetProperty("loss").GetDouble()));
    }

    [Fact]
    public async Task GetAsync_StatusJsonOfASupersededAttempt_StaysQueued()
    {
        var id = await StartJobAsync(StandInOrchestration.RedispatchedPrefix);
        await WriteStatusAsync(id, new JobStatusDocument { JobId = id, Attempt = 1, Phase = "training", Step = 5, HeartbeatAt = DateTimeOffset.UtcNow });

        var body = (await Handlers.Status.GetAsync(Handlers.Client, id, default)).ParseBody();

        Assert.Equal("queued", body.GetProperty("phase").GetString());
        Assert.Equal(5, body.GetProperty("progress").GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task GetAsync_RunnerTookTheRedispatchedAttempt_SaysTraining()
    {
        var id = await StartJobAsync(StandInOrchestration.RedispatchedPrefix);
        await WriteStatusAsync(id, new JobStatusDocument { JobId = id, Attempt = 2, Phase = "loading", HeartbeatAt = DateTimeOffset.UtcNow });

        var body = (await Handlers.Status.GetAsync(Handlers.Client, id, default)).ParseBody();

        Assert.Equal("training", body.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task GetAsync_RunnerInterrupted_StaysQueuedUntilAnotherDeliveryStarts()
    {
        var id = await StartJobAsync();
        await WriteStatusAsync(id, new JobStatusDocument { JobId = id, Attempt = 1, Phase = "interrupted", Step = 8, HeartbeatAt = DateTimeOffset.UtcNow });

        var body = (await Handlers.Status.GetAsync(Handlers.Client, id, default)).ParseBody();

        Assert.Equal("queued", body.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task GetAsync_ValidationFailed_IncludesTheReport()
    {
        var model = TestStorage.UniqueModelName(StandInOrchestration.InvalidPrefix + "data");
        await Handlers.UploadDatasetAsync($"{model}.csv");
        var id = (await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = $"{model}.csv" }), default)).ParseBody().GetProperty("id").GetString()!;
        await Storage.Containers.Jobs.GetBlobClient(JobBlobs.Report(id)).UploadAsync(BinaryData.FromString("""{"accepted":false,"errors":[{"code":"too_few_rows","message":"Only 3 usable rows; at least 20 are needed."}]}"""));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Handlers.Client.WaitForInstanceCompletionAsync(id, timeout.Token);

        var body = (await Handlers.Status.GetAsync(Handlers.Client, id, default)).ParseBody();

        Assert.Equal("failed", body.GetProperty("phase").GetString());
        Assert.True(body.GetProperty("terminal").GetBoolean());
        Assert.Equal("too_few_rows", body.GetProperty("validationReport").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetAsync_AcceptedRunningJob_ShowsItsValidationReport()
    {
        var id = await StartJobAsync();
        var before = (await Handlers.Status.GetAsync(Handlers.Client, id, default)).ParseBody();
        await Storage.Containers.Jobs.GetBlobClient(JobBlobs.Report(id)).UploadAsync(BinaryData.FromString("""{"rowsRead":40,"rowsKept":38,"warnings":["2 blank line(s) were skipped."]}"""));

        var body = (await Handlers.Status.GetAsync(Handlers.Client, id, default)).ParseBody();

        Assert.False(before.TryGetProperty("validationReport", out _));
        Assert.Equal(38, body.GetProperty("validationReport").GetProperty("rowsKept").GetInt32());
        Assert.Equal("2 blank line(s) were skipped.", body.GetProperty("validationReport").GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task GetAsync_UnknownId_Returns404()
    {
        var result = await Handlers.Status.GetAsync(Handlers.Client, "reviews-0123456789ab", default);

        StartJobHandlerTests.AssertProblem(result, 404);
    }

    [Fact]
    public async Task GetAsync_MalformedId_Returns400()
    {
        var result = await Handlers.Status.GetAsync(Handlers.Client, "../../models", default);

        Assert.Contains("not valid", StartJobHandlerTests.AssertProblem(result, 400)["id"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_RunningJob_Returns202WritesTheMarkerAndTheJobEndsCancelled()
    {
        var id = await StartJobAsync();

        var result = await Handlers.Cancel.CancelAsync(Handlers.Client, id, JobHandlers.Body(new { reason = "wrong data" }), default);

        Assert.Equal(202, result.StatusCode);
        Assert.Equal($"/api/jobs/{id}", result.Headers["Location"]);
        Assert.True(await Storage.Containers.Jobs.GetBlobClient(JobBlobs.CancelMarker(id)).ExistsAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Handlers.Client.WaitForInstanceCompletionAsync(id, timeout.Token);
        var status = (await Handlers.Status.GetAsync(Handlers.Client, id, default)).ParseBody();
        Assert.Equal("cancelled", status.GetProperty("phase").GetString());
        Assert.True(status.GetProperty("terminal").GetBoolean());
        Assert.Contains("wrong data", status.GetProperty("output").GetString(), StringComparison.Ordinal);

        var again = await Handlers.Cancel.CancelAsync(Handlers.Client, id, null, default);
        StartJobHandlerTests.AssertProblem(again, 409);
        Assert.Contains("already ended", again.ParseBody().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_UnknownJob_Returns404()
    {
        var result = await Handlers.Cancel.CancelAsync(Handlers.Client, "reviews-0123456789ab", null, default);

        StartJobHandlerTests.AssertProblem(result, 404);
    }

    [Fact]
    public async Task CancelAsync_UnknownBodyOption_Returns400()
    {
        var id = await StartJobAsync();

        var result = await Handlers.Cancel.CancelAsync(Handlers.Client, id, JobHandlers.Body(new { why = "x" }), default);

        Assert.Contains("reason", StartJobHandlerTests.AssertProblem(result, 400)["why"], StringComparison.Ordinal);
        var instance = await Handlers.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
    }

    private Task WriteStatusAsync(string id, JobStatusDocument status) =>
        Storage.Containers.Jobs.GetBlobClient(JobBlobs.Status(id)).UploadAsync(
            BinaryData.FromObjectAsJson(status, new JsonSerializerOptions(JsonSerializerDefaults.Web)), overwrite: true);

    private async Task<string> StartJobAsync(string prefix = "")
    {
        var model = TestStorage.UniqueModelName(prefix + "status");
        await Handlers.UploadDatasetAsync($"{model}.csv");
        var started = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = $"{model}.csv" }), default);
        Assert.Equal(202, started.StatusCode);
        var id = started.ParseBody().GetProperty("id").GetString()!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Handlers.Client.WaitForInstanceStartAsync(id, timeout.Token);
        await WaitForPhaseAsync(id);
        return id;
    }

    private async Task WaitForPhaseAsync(string id)
    {
        for (var i = 0; i < 100; i++)
        {
            var instance = await Handlers.Client.GetInstanceAsync(id);
            if (instance?.SerializedCustomStatus is not null)
            {
                return;
            }

            await Task.Delay(100);
        }
    }
}

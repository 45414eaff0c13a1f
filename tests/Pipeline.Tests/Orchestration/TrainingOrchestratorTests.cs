using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Orchestration;

[Collection(PipelineCollection.Name)]
public sealed class TrainingOrchestratorTests(PipelineFixture fixture)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Run_ValidCsvAndRunnerSucceeds_PublishesAndPromotes()
    {
        var (model, jobId) = await StartAsync(TestCsv.TwoClasses(30));

        var dispatched = await fixture.ReceiveDispatchAsync($"{jobId}-1", Long);
        Assert.NotNull(dispatched);
        Assert.Equal((jobId, 1, model), (dispatched.JobId, dispatched.Attempt, dispatched.Model));
        foreach (var split in new[] { SplitNames.Train, SplitNames.Validation, SplitNames.Test })
        {
            Assert.True(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Split(jobId, split)).ExistsAsync());
        }

        Assert.True(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Report(jobId)).ExistsAsync());
        await fixture.WaitForPhaseAsync(jobId, PipelinePhases.Queued, Long);

        await fixture.UploadPackageAsync(jobId);
        await fixture.EnqueueFinishedAsync(new TrainingFinished(jobId, 1, TrainingOutcome.Succeeded, ModelPrefix: JobBlobs.ModelPrefix(jobId)));
        await fixture.RelayEventsAsync();
        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.True(result.Promoted, result.PromotionReason);
        var version = ModelVersions.FromJobId(model, jobId);
        Assert.Equal(version, result.Version);
        Assert.NotNull(result.Metrics);
        var prefix = ModelBlobs.VersionPrefix(model, version);
        foreach (var file in new[] { "model.safetensors", "manifest.json", PipelineBlobs.ModelCardFile, PipelineBlobs.EvaluationFile })
        {
            Assert.True(await fixture.Storage.Models.GetBlobClient(prefix + file).ExistsAsync(), file);
        }

        var card = (await fixture.Storage.Models.GetBlobClient(prefix + PipelineBlobs.ModelCardHtmlFile).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("<h2>Per class</h2>", card, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(card, "src=\"data:image/png;base64,iVBORw0KGgo"));

        var current = await CurrentModelStore.ReadAsync(fixture.Storage.Models.GetBlobClient(ModelBlobs.Current(model)));
        Assert.Equal(version, current?.Version);
        Assert.True(await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.ConfusionMatrix(jobId)).ExistsAsync());
        var instance = await fixture.Host.Client.GetInstanceAsync(jobId, getInputsAndOutputs: true);
        Assert.Equal(PipelinePhases.Completed, instance!.ReadCustomStatusAs<PipelineStatus>()!.Phase);
    }

    [Fact]
    public async Task Run_InvalidCsv_FailsWithReportAndDispatchesNothing()
    {
        var (_, jobId) = await StartAsync(TestCsv.SingleClass(30));

        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(PipelineErrorCodes.Validation, result.ErrorCode);
        Assert.Equal("single_class", result.Validation?.Error?.Code);
        Assert.True(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Report(jobId)).ExistsAsync());
        Assert.False(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Split(jobId, SplitNames.Train)).ExistsAsync());
        Assert.Null(await fixture.ReceiveDispatchAsync($"{jobId}-1", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Run_HeartbeatStale_RedispatchesThenFailsAfterBudget()
    {
        var watchdog = new WatchdogSettings { CheckInterval = TimeSpan.FromSeconds(2), HeartbeatTimeout = TimeSpan.FromSeconds(1), MaxAttempts = 2 };
        var (_, jobId) = await StartAsync(TestCsv.TwoClasses(30), watchdog);

        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{jobId}-1", Long));
        // A runner takes each attempt (one heartbeat after its dispatch), then goes silent.
        await HeartbeatAsync(jobId, attempt: 1);
        var second = await fixture.ReceiveDispatchAsync($"{jobId}-2", Long);
        await HeartbeatAsync(jobId, attempt: 2);
        var result = await CompletionAsync(jobId);

        Assert.Equal(2, second?.Attempt);
        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(PipelineErrorCodes.HeartbeatLost, result.ErrorCode);
        Assert.Equal("runner heartbeat lost after 2 attempts", result.Error);
    }

    [Fact]
    public async Task Run_FreshHeartbeat_KeepsWaitingWithoutRedispatch()
    {
        var watchdog = new WatchdogSettings { CheckInterval = TimeSpan.FromSeconds(1), HeartbeatTimeout = TimeSpan.FromMinutes(5), MaxAttempts = 2 };
        var before = DateTimeOffset.UtcNow;
        var (_, jobId) = await StartAsync(TestCsv.TwoClasses(30), watchdog);
        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{jobId}-1", Long));
        var dispatched = DateTimeOffset.UtcNow;
        await HeartbeatAsync(jobId, attempt: 1);

        await fixture.WaitForPhaseAsync(jobId, PipelinePhases.Training, Long);
        // "training" is set by an execution after ContinueAsNew; the start time it reports is still the first execution's.
        var status = (await fixture.Host.Client.GetInstanceAsync(jobId, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>();
        Assert.NotNull(status?.StartedAt);
        Assert.InRange(status.StartedAt.Value, before.AddSeconds(-1), dispatched);
        await fixture.EnqueueFinishedAsync(new TrainingFinished(jobId, 1, TrainingOutcome.Failed, "out_of_memory", "CUDA out of memory"));
        await fixture.RelayEventsAsync();
        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(("out_of_memory", "CUDA out of memory", 1), (result.ErrorCode, result.Error, result.Attempts));
        Assert.Null(await fixture.ReceiveDispatchAsync($"{jobId}-2", TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Run_NoRunnerTakesTheAttempt_FailsNotTakenWithoutRedispatch()
    {
        var watchdog = new WatchdogSettings { CheckInterval = TimeSpan.FromSeconds(1), HeartbeatTimeout = TimeSpan.FromSeconds(1), QueuedTimeout = TimeSpan.FromSeconds(3), MaxAttempts = 3 };
        var (_, jobId) = await StartAsync(TestCsv.TwoClasses(30), watchdog);
        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{jobId}-1", Long));

        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal((PipelineErrorCodes.NotTaken, 1), (result.ErrorCode, result.Attempts));
        // Past the heartbeat timeout many times over, yet never dispatched again: the first message was still queued.
        Assert.Null(await fixture.ReceiveDispatchAsync($"{jobId}-2", TimeSpan.FromSeconds(2)));
        // A runner that takes the old message later finds the marker and drops it.
        Assert.True(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.CancelMarker(jobId)).ExistsAsync());
    }

    [Fact]
    public async Task Run_FinishedEventLost_EndsFromResultJsonAtTheNextCheck()
    {
        var watchdog = new WatchdogSettings { CheckInterval = TimeSpan.FromSeconds(1), HeartbeatTimeout = TimeSpan.FromMinutes(5), MaxAttempts = 2 };
        var (_, jobId) = await StartAsync(TestCsv.TwoClasses(30), watchdog);
        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{jobId}-1", Long));
        await HeartbeatAsync(jobId, attempt: 1);

        // The runner recorded the outcome but its TrainingFinished never reached the orchestration.
        var finished = new TrainingFinished(jobId, 1, TrainingOutcome.Failed, "out_of_memory", "CUDA out of memory");
        await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Result(jobId)).UploadJsonAsync(new { @event = finished, steps = 3 });
        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(("out_of_memory", 1), (result.ErrorCode, result.Attempts));
        Assert.Null(await fixture.ReceiveDispatchAsync($"{jobId}-2", TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Run_RejectedUpload_FailsAtOnceWithTheRejectionAndDispatchesNothing()
    {
        var model = $"rejected-{Guid.NewGuid():N}"[..20];
        var jobId = $"{model}-0123456789ab";
        var input = fixture.NewInput(jobId, model, $"{model}.csv") with
        {
            Rejection = UploadRejection.Create($"{model}.csv", 400, "The request is not valid.", "training.epochz: Unknown option."),
        };
        await fixture.Host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TrainingOrchestrator), input, new StartOrchestrationOptions(jobId));

        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(PipelineErrorCodes.UploadRejected, result.ErrorCode);
        Assert.Equal("The request is not valid. training.epochz: Unknown option.", result.Error);
        Assert.Null(await fixture.ReceiveDispatchAsync($"{jobId}-1", TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Run_CancelRequested_EndsCancelledAndWritesMarker()
    {
        var (_, jobId) = await StartAsync(TestCsv.TwoClasses(30));
        await fixture.WaitForPhaseAsync(jobId, PipelinePhases.Queued, Long);

        await fixture.Host.Client.RaiseEventAsync(jobId, PipelineEvents.CancelRequested, new CancelRequest("user asked"));
        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Cancelled, result.Outcome);
        Assert.True(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.CancelMarker(jobId)).ExistsAsync());
        Assert.True(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Report(jobId)).ExistsAsync());
        var instance = await fixture.Host.Client.GetInstanceAsync(jobId, getInputsAndOutputs: true);
        Assert.Equal(PipelinePhases.Cancelled, instance!.ReadCustomStatusAs<PipelineStatus>()!.Phase);
    }

    /// <summary>
    /// What a runner writes when it takes <paramref name="attempt"/>. The orchestrator counts an attempt as taken by a
    /// heartbeat later than the dispatch time it recorded when the dispatch activity returned, and the message can be
    /// received before that; a real runner beats again seconds later, these tests beat once, so they first wait until
    /// the orchestration shows the attempt queued (its dispatch time is then in the past).
    /// </summary>
    private async Task HeartbeatAsync(string jobId, int attempt)
    {
        var deadline = DateTime.UtcNow + Long;
        while ((await fixture.Host.Client.GetInstanceAsync(jobId, getInputsAndOutputs: true))?.ReadCustomStatusAs<PipelineStatus>() is not { } status
            || status.Attempt < attempt)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{jobId} did not dispatch attempt {attempt} within {Long}.");
            await Task.Delay(100);
        }

        await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Status(jobId)).UploadJsonAsync(
            new JobStatusDocument { JobId = jobId, Attempt = attempt, Phase = "training", HeartbeatAt = DateTimeOffset.UtcNow });
    }

    private async Task<(string Model, string JobId)> StartAsync(string csv, WatchdogSettings? watchdog = null)
    {
        var model = PipelineFixture.NewModelName();
        var jobId = $"{model}-{Guid.NewGuid().ToString("N")[..12]}";
        await fixture.EnsureStorageAsync();
        await fixture.UploadDatasetAsync($"{model}.csv", csv);
        await fixture.Host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TrainingOrchestrator),
            fixture.NewInput(jobId, model, $"{model}.csv", watchdog), new StartOrchestrationOptions { InstanceId = jobId });
        return (model, jobId);
    }

    private async Task<PipelineResult> CompletionAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(Long);
        var instance = await fixture.Host.Client.WaitForInstanceCompletionAsync(jobId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        return instance.ReadOutputAs<PipelineResult>()!;
    }
}

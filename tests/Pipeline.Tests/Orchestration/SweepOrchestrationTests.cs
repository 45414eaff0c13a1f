using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Pipeline.Sweeps;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Orchestration;

/// <summary>
/// Sweeps on the real pipeline (Durable in-memory host, Azurite, the Service Bus emulator), the test standing in for the
/// runner: it takes each trial's dispatch, uploads a package and sends the trial's finished event, so which trial ends
/// how (and in what order) is the test's choice, not the machine's speed.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SweepOrchestrationTests(PipelineFixture fixture)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sweep_ThreeTrialsSucceed_PublishesTheBestAndRecordsAll()
    {
        var (model, jobId) = await StartAsync(Plan(3, maxParallel: 3));

        // All three are dispatched at once, each under its own id, reading the sweep's splits with its own options.
        var dispatched = await DispatchedAsync(jobId, 1, 2, 3);

        Assert.All(dispatched, d => Assert.Equal(jobId, d.DataJobId));
        Assert.Equal([1 * 1e-4, 2 * 1e-4, 3 * 1e-4], dispatched.Select(d => d.Training.LearningRate!.Value));

        // Trials 2 and 3 tie on validation macro-F1; trial 3 took fewer steps, so it wins.
        await FinishAsync(jobId, 1, 0.70, 30);
        await FinishAsync(jobId, 2, 0.90, 30);
        await FinishAsync(jobId, 3, 0.90, 20);
        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.Equal(ModelVersions.FromJobId(model, jobId), result.Version);
        Assert.NotNull(result.Trials);
        Assert.Equal([1, 2, 3], result.Trials.Select(t => t.Number));
        Assert.All(result.Trials, t => Assert.Equal(TrialOutcomes.Completed, t.Outcome));
        Assert.Equal(3, Assert.Single(result.Trials, t => t.Winner).Number);
        Assert.Equal([0.70, 0.90, 0.90], result.Trials.Select(t => t.BestValidationMacroF1!.Value));
        Assert.Equal([30, 30, 20], result.Trials.Select(t => t.Steps!.Value));

        var sweep = await ReadSweepAsync(jobId);
        Assert.Equal(result.Trials.Select(t => (t.Number, t.Outcome, t.Winner)), sweep.Trials.Select(t => (t.Number, t.Outcome, t.Winner)));
        Assert.Equal("0.0003", sweep.Trials[2].Options["training.learningRate"].GetDouble().ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture));

        // The published version is the winner's package, and its card lists every trial.
        var prefix = ModelBlobs.VersionPrefix(model, result.Version!);
        Assert.True(await fixture.Storage.Models.GetBlobClient(prefix + "model.safetensors").ExistsAsync());
        var card = (await fixture.Storage.Models.GetBlobClient(prefix + PipelineBlobs.ModelCardFile).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("Sweep: 3 trials", card, StringComparison.Ordinal);
        Assert.Contains("| 3 | training.learningRate = 0.0003 | 0.9000 | 20 |", card, StringComparison.Ordinal);
        Assert.Contains("| published |", card, StringComparison.Ordinal);
        var html = (await fixture.Storage.Models.GetBlobClient(prefix + PipelineBlobs.ModelCardHtmlFile).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("<td>published</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_TrialsSucceed_OnlyTheSweepIsEvaluatedOnTheTestSplitAndPublished()
    {
        var (model, jobId) = await StartAsync(Plan(2, maxParallel: 2));
        await DispatchedAsync(jobId, 1, 2);
        await FinishAsync(jobId, 1, 0.60, 10);
        await FinishAsync(jobId, 2, 0.80, 10);

        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.Equal(2, Assert.Single(result.Trials!, t => t.Winner).Number);
        // EvaluateModel writes its metrics under the job id it scored: the sweep's, and no trial's.
        Assert.True(await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.EvaluationMetrics(jobId)).ExistsAsync());
        foreach (var n in new[] { 1, 2 })
        {
            var trialId = TrialRun.JobId(jobId, n);
            Assert.False(await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.EvaluationMetrics(trialId)).ExistsAsync(), $"trial {n} was evaluated on the test split");
            var trial = (await fixture.Host.Client.GetInstanceAsync(trialId, getInputsAndOutputs: true))!.ReadOutputAs<PipelineResult>()!;
            Assert.Equal((PipelineOutcome.Completed, null, null), (trial.Outcome, trial.Version, trial.Metrics));
        }

        // The model has one version, the sweep's (the winner's package), and no trial's.
        var published = (await BlobSnapshot.TakeAsync(fixture.Storage.Models, model + "/")).Keys;
        Assert.Contains(ModelBlobs.Current(model), published);
        Assert.All(published, name => Assert.True(name == ModelBlobs.Current(model) || name.StartsWith(ModelBlobs.VersionPrefix(model, result.Version!), StringComparison.Ordinal), name));
    }

    [Fact]
    public async Task Sweep_OneTrialFails_TheOthersGoOnAndTheBestIsPublished()
    {
        var (_, jobId) = await StartAsync(Plan(3, maxParallel: 1));

        // One at a time: the failure of trial 1 starts trial 2 rather than ending the sweep.
        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{TrialRun.JobId(jobId, 1)}-1", Long));
        await fixture.EnqueueFinishedAsync(new TrainingFinished(TrialRun.JobId(jobId, 1), 1, TrainingOutcome.Failed, "out_of_memory", "The trial ran out of memory."));
        await fixture.RelayEventsAsync();
        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{TrialRun.JobId(jobId, 2)}-1", Long));
        await FinishAsync(jobId, 2, 0.80, 12);
        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{TrialRun.JobId(jobId, 3)}-1", Long));
        await FinishAsync(jobId, 3, 0.60, 12);
        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        var trials = result.Trials!;
        Assert.Equal([TrialOutcomes.Failed, TrialOutcomes.Completed, TrialOutcomes.Completed], trials.Select(t => t.Outcome));
        Assert.Equal("The trial ran out of memory.", trials[0].Error);
        Assert.Equal(2, Assert.Single(trials, t => t.Winner).Number);
    }

    [Fact]
    public async Task Sweep_EveryTrialFails_FailsNamingThem()
    {
        var (_, jobId) = await StartAsync(Plan(2, maxParallel: 2));
        await DispatchedAsync(jobId, 1, 2);
        for (var n = 1; n <= 2; n++)
        {
            await fixture.EnqueueFinishedAsync(new TrainingFinished(TrialRun.JobId(jobId, n), 1, TrainingOutcome.Failed, "training_failed", $"Trial {n} diverged."));
            await fixture.RelayEventsAsync();
        }

        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(PipelineErrorCodes.SweepFailed, result.ErrorCode);
        Assert.Contains("All 2 trials failed", result.Error, StringComparison.Ordinal);
        Assert.Contains("trial 2: Trial 2 diverged.", result.Error, StringComparison.Ordinal);
        Assert.False(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.ModelPrefix(jobId) + "model.safetensors").ExistsAsync());
    }

    [Fact]
    public async Task Sweep_Cancelled_CancelsEveryRunningTrialAndSkipsTheRest()
    {
        var (_, jobId) = await StartAsync(Plan(3, maxParallel: 2));
        await DispatchedAsync(jobId, 1, 2);
        await WaitForTrialsAsync(jobId, TrialOutcomes.Running, 2);

        await fixture.Host.Client.RaiseEventAsync(jobId, PipelineEvents.CancelRequested, new CancelRequest("enough"));
        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Cancelled, result.Outcome);
        var sweep = await ReadSweepAsync(jobId);
        Assert.Equal([TrialOutcomes.Cancelled, TrialOutcomes.Cancelled, TrialOutcomes.Skipped], sweep.Trials.Select(t => t.Outcome));
        Assert.Equal("enough", sweep.StoppedBecause);
        foreach (var n in new[] { 1, 2 })
        {
            // Each running trial ended as cancelled and left the marker its runner stops on.
            var trial = await fixture.Host.Client.GetInstanceAsync(TrialRun.JobId(jobId, n), getInputsAndOutputs: true);
            Assert.Equal(PipelineOutcome.Cancelled, trial!.ReadOutputAs<PipelineResult>()!.Outcome);
            Assert.True(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.CancelMarker(TrialRun.JobId(jobId, n))).ExistsAsync());
        }

        Assert.Null(await fixture.Host.Client.GetInstanceAsync(TrialRun.JobId(jobId, 3)));
    }

    [Fact]
    public async Task Sweep_MaxRuntimeReached_CancelsWhatRunsAndPublishesTheBestFinished()
    {
        // 20 s of budget for one trial the test finishes at once; the other is never finished, so only the timer ends it.
        var (_, jobId) = await StartAsync(Plan(2, maxParallel: 2) with { MaxRuntime = TimeSpan.FromSeconds(20) });
        await DispatchedAsync(jobId, 1, 2);
        await FinishAsync(jobId, 2, 0.75, 8);
        await WaitForTrialsAsync(jobId, TrialOutcomes.Completed, 1);

        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        var trials = result.Trials!;
        Assert.Equal([TrialOutcomes.Cancelled, TrialOutcomes.Completed], trials.Select(t => t.Outcome));
        Assert.Equal(2, Assert.Single(trials, t => t.Winner).Number);
        Assert.StartsWith("maxRuntime 00:00:20 reached", (await ReadSweepAsync(jobId)).StoppedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_CancelledAfterMaxRuntimeWhileATrialStops_EndsCancelledWithNothingEvaluatedOrPublished()
    {
        var (model, jobId) = await StartAsync(Plan(2, maxParallel: 2) with { MaxRuntime = TimeSpan.FromSeconds(20) });
        await DispatchedAsync(jobId, 1, 2);
        // Trial 1 is held (suspended): the cancel maxRuntime sends it waits in its inbox, so the sweep is still waiting
        // for it when the job's cancel comes.
        var held = TrialRun.JobId(jobId, 1);
        await fixture.Host.Client.SuspendInstanceAsync(held, "held by the test");
        try
        {
            await FinishAsync(jobId, 2, 0.75, 8);
            await WaitForStoppedAsync(jobId, "maxRuntime 00:00:20 reached");

            await fixture.Host.Client.RaiseEventAsync(jobId, PipelineEvents.CancelRequested, new CancelRequest("enough"));
            await WaitForStoppedAsync(jobId, "enough");
        }
        finally
        {
            await fixture.Host.Client.ResumeInstanceAsync(held, "released by the test");
        }

        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Cancelled, result.Outcome);
        Assert.Equal("enough", result.Error);
        Assert.Null(result.Version);
        var sweep = await ReadSweepAsync(jobId);
        Assert.Equal([TrialOutcomes.Cancelled, TrialOutcomes.Completed], sweep.Trials.Select(t => t.Outcome));
        Assert.Equal("enough", sweep.StoppedBecause);
        Assert.False(await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.EvaluationMetrics(jobId)).ExistsAsync(), "the winner was evaluated");
        Assert.Empty(await BlobSnapshot.TakeAsync(fixture.Storage.Models, model + "/"));
    }

    private static SweepPlan Plan(int trials, int maxParallel) => new(
        [.. Enumerable.Range(1, trials).Select(n => new SweepTrial(
            n,
            new Dictionary<string, JsonElement> { ["training.learningRate"] = JsonSerializer.SerializeToElement(n * 1e-4) },
            PipelineFixture.FastTraining with { LearningRate = n * 1e-4 }))],
        maxParallel,
        null);

    /// <summary>The first dispatch of each of the trials <paramref name="numbers"/>, in that order; fails when one does not come.</summary>
    private async Task<IReadOnlyList<TrainingJobRequested>> DispatchedAsync(string jobId, params int[] numbers)
    {
        var ids = numbers.Select(n => $"{TrialRun.JobId(jobId, n)}-1").ToList();
        var found = await fixture.ReceiveDispatchesAsync(ids, Long);
        Assert.Equal(ids.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        return [.. ids.Select(id => found[id])];
    }

    private async Task FinishAsync(string jobId, int number, double macroF1, int steps)
    {
        var trialId = TrialRun.JobId(jobId, number);
        await fixture.UploadPackageAsync(trialId);
        await fixture.EnqueueFinishedAsync(new TrainingFinished(trialId, 1, TrainingOutcome.Succeeded, ModelPrefix: JobBlobs.ModelPrefix(trialId), ValidationMacroF1: macroF1, Steps: steps));
        await fixture.RelayEventsAsync();
    }

    private async Task<(string Model, string JobId)> StartAsync(SweepPlan plan)
    {
        var model = PipelineFixture.NewModelName();
        var jobId = $"{model}-{Guid.NewGuid().ToString("N")[..12]}";
        await fixture.EnsureStorageAsync();
        await fixture.UploadDatasetAsync($"{model}.csv", TestCsv.TwoClasses(30));
        await fixture.Host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TrainingOrchestrator),
            fixture.NewInput(jobId, model, $"{model}.csv") with { Sweep = plan }, new StartOrchestrationOptions { InstanceId = jobId });
        return (model, jobId);
    }

    private async Task<SweepRecord> ReadSweepAsync(string jobId)
    {
        var text = (await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.Sweep(jobId)).DownloadContentAsync()).Value.Content.ToString();
        return JsonSerializer.Deserialize<SweepRecord>(text, WireJson.Options)!;
    }

    /// <summary>Waits until <c>sweep.json</c> says the sweep stopped for a reason starting with <paramref name="reason"/>.</summary>
    private async Task WaitForStoppedAsync(string jobId, string reason)
    {
        var deadline = DateTime.UtcNow + Long;
        while (DateTime.UtcNow < deadline)
        {
            if (await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.Sweep(jobId)).ExistsAsync()
                && (await ReadSweepAsync(jobId)).StoppedBecause?.StartsWith(reason, StringComparison.Ordinal) == true)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{jobId}: the sweep did not stop for '{reason}' within {Long}.");
    }

    private async Task WaitForTrialsAsync(string jobId, string outcome, int count)
    {
        var deadline = DateTime.UtcNow + Long;
        while (DateTime.UtcNow < deadline)
        {
            if (await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.Sweep(jobId)).ExistsAsync()
                && (await ReadSweepAsync(jobId)).Trials.Count(t => t.Outcome == outcome) >= count)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{jobId}: fewer than {count} trials {outcome} within {Long}.");
    }

    private async Task<PipelineResult> CompletionAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(Long);
        var instance = await fixture.Host.Client.WaitForInstanceCompletionAsync(jobId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        return instance.ReadOutputAs<PipelineResult>()!;
    }
}

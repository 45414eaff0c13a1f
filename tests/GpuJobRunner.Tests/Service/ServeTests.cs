using Azure.Messaging.ServiceBus;
using Platform.Modeling.Packaging;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;

namespace Platform.GpuJobRunner.Tests.Service;

[Collection(ServiceCollection.Name)]
public sealed class ServeTests(ServiceEnvironment environment)
{
    private static readonly TimeSpan EventWait = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Serve_JobWithPreparedSplits_UploadsPackageWritesStatusSendsSucceededAndCompletes()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        await using var host = new RunningHost(scenario.BuildHost());
        await scenario.SendAsync(scenario.Job());

        var finished = await scenario.NextEventAsync(EventWait);

        Assert.Equal(TrainingOutcome.Succeeded, finished.Outcome);
        Assert.Equal(scenario.JobId, finished.JobId);
        Assert.Equal(1, finished.Attempt);
        Assert.Equal(JobBlobs.ModelPrefix(scenario.JobId), finished.ModelPrefix);
        Assert.NotNull(finished.ValidationMacroF1);
        var manifest = PackageManifestIO.Verify(await scenario.DownloadPackageAsync());
        Assert.Contains(manifest.Files, f => f.Path == "model.safetensors");
        var status = await scenario.StatusAsync();
        Assert.Equal("finished", status!.Phase);
        Assert.Equal(100, status.Percent);
        Assert.Equal(JobScenario.Fast.MaxSteps, status.Step);
        // The job view's curves: the loss at every step of this short run, the validation score at its one evaluation.
        Assert.Equal(Enumerable.Range(1, JobScenario.Fast.MaxSteps), status.LossHistory!.Select(p => p.Step));
        Assert.Equal(JobScenario.Fast.MaxSteps, Assert.Single(status.ValidationHistory!).Step);
        Assert.True(DateTimeOffset.UtcNow - status.HeartbeatAt < TimeSpan.FromMinutes(1));
        var result = await scenario.ResultAsync();
        Assert.Equal(JobScenario.Fast.MaxSteps, result!.Steps);
        Assert.False(result.Resumed);
        Assert.Empty(await scenario.BlobNamesAsync(JobBlobs.CheckpointPrefix(scenario.JobId)));
        await WaitUntilSettledAsync(scenario);
        Assert.Null(await scenario.PeekAsync());
        Assert.Null(await scenario.PeekAsync(SubQueue.DeadLetter));
    }

    [Fact]
    public async Task Serve_RedeliveredMessageForFinishedJob_ReEmitsTheEventWithoutTraining()
    {
        await using var scenario = new JobScenario(environment);
        var earlier = new TrainingFinished(scenario.JobId, 1, TrainingOutcome.Succeeded, ModelPrefix: JobBlobs.ModelPrefix(scenario.JobId), ValidationMacroF1: 0.75);
        await scenario.PutBlobAsync(JobBlobs.Result(scenario.JobId), new JobResultDocument(earlier, 4, false, null, 0.7, "cpu", DateTimeOffset.UtcNow));
        await using var host = new RunningHost(scenario.BuildHost());
        await scenario.SendAsync(scenario.Job(attempt: 2));

        var finished = await scenario.NextEventAsync(EventWait);

        // No splits were uploaded: training would have failed, so a Succeeded event proves it was skipped.
        Assert.Equal(TrainingOutcome.Succeeded, finished.Outcome);
        Assert.Equal(2, finished.Attempt);
        Assert.Equal(0.75, finished.ValidationMacroF1);
        Assert.Null(await scenario.StatusAsync());
        await WaitUntilSettledAsync(scenario);
        Assert.Null(await scenario.PeekAsync(SubQueue.DeadLetter));
    }

    [Fact]
    public async Task Serve_SplitThatIsNotJsonLines_DeadLettersWithReasonAndSendsFailed()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync(trainOverride: "text,label\nnot,json\n");
        await using var host = new RunningHost(scenario.BuildHost());
        await scenario.SendAsync(scenario.Job());

        var finished = await scenario.NextEventAsync(EventWait);

        Assert.Equal(TrainingOutcome.Failed, finished.Outcome);
        Assert.Equal("DatasetRejected", finished.ErrorCode);
        Assert.Contains("train.jsonl", finished.Error, StringComparison.Ordinal);
        var dead = await scenario.DeadLetterAsync();
        Assert.NotNull(dead);
        Assert.Equal("DatasetRejected", dead.DeadLetterReason);
        Assert.Contains("train.jsonl", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal("failed", (await scenario.StatusAsync())!.Phase);
    }

    [Fact]
    public async Task Serve_UnknownBaseModel_DeadLettersWithReasonAndSendsFailed()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        await using var host = new RunningHost(scenario.BuildHost());
        await scenario.SendAsync(scenario.Job(baseModel: "no-such-model"));

        var finished = await scenario.NextEventAsync(EventWait);

        Assert.Equal(TrainingOutcome.Failed, finished.Outcome);
        Assert.Equal("BaseModelUnavailable", finished.ErrorCode);
        var dead = await scenario.DeadLetterAsync();
        Assert.Equal("BaseModelUnavailable", dead!.DeadLetterReason);
        Assert.Contains("no-such-model", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MessageThatIsNotATrainingJob_DeadLettersAsInvalidAndSendsFailedForItsJob()
    {
        await using var scenario = new JobScenario(environment);
        await using var host = new RunningHost(scenario.BuildHost());
        await scenario.SendAsync($$"""{"jobId":"{{scenario.JobId}}","attempt":3}""");

        var finished = await scenario.NextEventAsync(EventWait);

        Assert.Equal(TrainingOutcome.Failed, finished.Outcome);
        Assert.Equal(3, finished.Attempt);
        Assert.Equal("InvalidMessage", finished.ErrorCode);
        Assert.Equal("InvalidMessage", (await scenario.DeadLetterAsync())!.DeadLetterReason);
    }

    [Fact]
    public async Task Serve_JobWithNoPreparedData_DeadLettersAndWritesNothingForIt()
    {
        await using var scenario = new JobScenario(environment);
        await using var host = new RunningHost(scenario.BuildHost());
        // A well-formed message for a job id the pipeline never prepared (no splits uploaded).
        await scenario.SendAsync(scenario.Job());

        var finished = await scenario.NextEventAsync(EventWait);

        Assert.Equal(TrainingOutcome.Failed, finished.Outcome);
        Assert.Equal("JobNotPrepared", finished.ErrorCode);
        Assert.Contains("no prepared data", finished.Error, StringComparison.Ordinal);
        Assert.Equal("JobNotPrepared", (await scenario.DeadLetterAsync())!.DeadLetterReason);
        Assert.Empty(await scenario.BlobNamesAsync(scenario.JobId + "/"));
    }

    /// <summary>The event goes out just before the message is settled.</summary>
    internal static async Task WaitUntilSettledAsync(JobScenario scenario)
    {
        for (var i = 0; i < 50 && await scenario.PeekAsync() is not null; i++)
        {
            await Task.Delay(100);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;

namespace Platform.GpuJobRunner.Tests.Service;

[Collection(ServiceCollection.Name)]
public sealed class InterruptionTests(ServiceEnvironment environment)
{
    [Fact]
    public async Task Serve_CancelMarkerDuringTraining_SendsCancelledAndCompletesTheMessage()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        await using var host = new RunningHost(scenario.BuildHost());
        await scenario.SendAsync(scenario.Job(JobScenario.Endless));

        await WaitForAsync(async () => (await scenario.StatusAsync())?.Step > 0, "training to start");
        await scenario.PutBlobAsync(JobBlobs.CancelMarker(scenario.JobId), new { requestedBy = "test" });
        var finished = await scenario.NextEventAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(TrainingOutcome.Cancelled, finished.Outcome);
        Assert.Equal("cancelled", (await scenario.StatusAsync())!.Phase);
        Assert.Equal(TrainingOutcome.Cancelled, (await scenario.ResultAsync())!.Event.Outcome);
        await ServeTests.WaitUntilSettledAsync(scenario);
        Assert.Null(await scenario.PeekAsync());
    }

    [Fact]
    public async Task Serve_StoppedAfterACheckpointThenRedelivered_ResumesFromTheMirroredCheckpoint()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        // One epoch of 16 batches, a checkpoint every 4 steps: the first run is stopped right after the first upload.
        var training = JobScenario.Fast with { BatchSize = 4, MaxSteps = 0, CheckpointEverySteps = 4, EarlyStoppingPatience = 0 };
        await scenario.SendAsync(scenario.Job(training));

        await using (var first = new RunningHost(scenario.BuildHost(services: s =>
        {
            s.AddSingleton<BlobCheckpointMirror>();
            s.Replace(ServiceDescriptor.Singleton<ICheckpointMirror, StoppingCheckpointMirror>());
        })))
        {
            Assert.Equal(0, await first.Completion.WaitAsync(TimeSpan.FromMinutes(2)));
        }

        var pointer = await scenario.CheckpointPointerAsync();
        Assert.NotNull(pointer);
        Assert.InRange(pointer.Step, 4, 15);
        Assert.Equal("interrupted", (await scenario.StatusAsync())!.Phase);
        Assert.Null(await scenario.ResultAsync());
        Assert.NotNull(await scenario.PeekAsync());

        await using var second = new RunningHost(scenario.BuildHost());
        var finished = await scenario.NextEventAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(TrainingOutcome.Succeeded, finished.Outcome);
        var result = await scenario.ResultAsync();
        Assert.True(result!.Resumed);
        Assert.Equal(pointer.Step, result.ResumedFromStep);
        Assert.Equal(16, result.Steps);
        Assert.Equal(pointer.Step, (await scenario.StatusAsync())!.ResumedFromStep);
        await ServeTests.WaitUntilSettledAsync(scenario);
        Assert.Null(await scenario.PeekAsync());
    }

    [Fact]
    public async Task Serve_ANewerAttemptTakesTheJobWhileTraining_StopsWithoutOverwritingItsStatusOrSendingAnything()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        var logs = new CapturedLogs();
        await using var host = new RunningHost(scenario.BuildHost(services: s => s.AddSingleton<ILoggerProvider>(logs)));
        await scenario.SendAsync(scenario.Job(JobScenario.Endless, attempt: 1));
        await WaitForAsync(async () => (await scenario.StatusAsync())?.Step > 0, "training to start");

        // What the runner of the re-dispatched attempt writes when it takes the job.
        var newer = new JobStatusDocument { JobId = scenario.JobId, Attempt = 2, TakenAt = DateTimeOffset.UtcNow, Phase = RunnerPhases.Loading, HeartbeatAt = DateTimeOffset.UtcNow };
        await scenario.PutBlobAsync(JobBlobs.Status(scenario.JobId), newer);
        await WaitForAsync(async () => await scenario.PeekAsync() is null, "the message to be settled");

        Assert.Null(await scenario.PeekAsync(Azure.Messaging.ServiceBus.SubQueue.DeadLetter));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("attempt 1 is superseded", StringComparison.Ordinal)
            && e.Message.Contains("holds attempt 2", StringComparison.Ordinal));
        // Completed means the attempt is over: training has returned and the reporter writes nothing more.
        Assert.Equal(newer, await scenario.StatusAsync());
        Assert.Null(await scenario.ResultAsync());
        Assert.False(await scenario.Events.ExistsAsync());
        Assert.Empty(await scenario.BlobNamesAsync(JobBlobs.ModelPrefix(scenario.JobId)));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}

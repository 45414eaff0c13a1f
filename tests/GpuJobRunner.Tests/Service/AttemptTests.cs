using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>Which attempt a message belongs to: older ones are dropped, and status.json says when the current one was taken.</summary>
[Collection(ServiceCollection.Name)]
public sealed class AttemptTests(ServiceEnvironment environment)
{
    private static readonly DateTimeOffset LongAgo = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task ServeOnce_MessageOfAnAttemptOlderThanStatus_CompletesItWithoutTrainingWritingOrSending()
    {
        await using var scenario = new JobScenario(environment);
        // No splits: training would fail and say so, so an untouched job proves nothing was tried.
        var current = new JobStatusDocument { JobId = scenario.JobId, Attempt = 3, TakenAt = LongAgo, Phase = RunnerPhases.Training, Step = 7, HeartbeatAt = LongAgo };
        await scenario.PutBlobAsync(JobBlobs.Status(scenario.JobId), current);
        await scenario.SendAsync(scenario.Job(attempt: 2));
        var logs = new CapturedLogs();

        var code = await RunOnceAsync(scenario, logs);

        Assert.Equal(0, code);
        Assert.Equal(current, await scenario.StatusAsync());
        Assert.Null(await scenario.ResultAsync());
        Assert.False(await scenario.Events.ExistsAsync());
        Assert.Null(await scenario.PeekAsync());
        Assert.Null(await scenario.PeekAsync(Azure.Messaging.ServiceBus.SubQueue.DeadLetter));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("attempt 2 is superseded", StringComparison.Ordinal)
            && e.Message.Contains("holds attempt 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServeOnce_MessageOfAnAttemptOlderThanResult_CompletesItWithoutSendingTheEventAgain()
    {
        await using var scenario = new JobScenario(environment);
        var later = new TrainingFinished(scenario.JobId, 2, TrainingOutcome.Succeeded, ModelPrefix: JobBlobs.ModelPrefix(scenario.JobId));
        await scenario.PutBlobAsync(JobBlobs.Result(scenario.JobId), new JobResultDocument(later, 4, false, null, null, "cpu", LongAgo));
        await scenario.SendAsync(scenario.Job(attempt: 1));
        var logs = new CapturedLogs();

        var code = await RunOnceAsync(scenario, logs);

        Assert.Equal(0, code);
        Assert.False(await scenario.Events.ExistsAsync());
        Assert.Null(await scenario.StatusAsync());
        Assert.Equal(later, (await scenario.ResultAsync())!.Event);
        Assert.Null(await scenario.PeekAsync());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("attempt 1 is superseded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServeOnce_NewAttempt_StatusRecordsWhenTheRunnerTookIt()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        // The previous attempt's runner left its status behind; attempt 2 is newer, so it trains.
        await scenario.PutBlobAsync(JobBlobs.Status(scenario.JobId), new JobStatusDocument { JobId = scenario.JobId, Attempt = 1, TakenAt = LongAgo, Phase = RunnerPhases.Training, HeartbeatAt = LongAgo });
        var sent = DateTimeOffset.UtcNow;
        await scenario.SendAsync(scenario.Job(attempt: 2));

        var code = await RunOnceAsync(scenario, new CapturedLogs());

        Assert.Equal(0, code);
        Assert.Equal(TrainingOutcome.Succeeded, (await scenario.NextEventAsync(TimeSpan.FromSeconds(10))).Outcome);
        var status = await scenario.StatusAsync();
        Assert.Equal(2, status!.Attempt);
        Assert.Equal(RunnerPhases.Finished, status.Phase);
        Assert.NotNull(status.TakenAt);
        Assert.InRange(status.TakenAt.Value, sent, status.HeartbeatAt);
    }

    [Fact]
    public async Task ServeOnce_RedeliveryOfTheSameAttempt_KeepsWhenTheAttemptWasFirstTaken()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        // A runner took attempt 1 long ago and was stopped; the message came back.
        await scenario.PutBlobAsync(JobBlobs.Status(scenario.JobId), new JobStatusDocument { JobId = scenario.JobId, Attempt = 1, TakenAt = LongAgo, Phase = RunnerPhases.Interrupted, HeartbeatAt = LongAgo });
        await scenario.SendAsync(scenario.Job(attempt: 1));

        var code = await RunOnceAsync(scenario, new CapturedLogs());

        Assert.Equal(0, code);
        Assert.Equal(TrainingOutcome.Succeeded, (await scenario.NextEventAsync(TimeSpan.FromSeconds(10))).Outcome);
        var status = await scenario.StatusAsync();
        Assert.Equal((1, LongAgo, RunnerPhases.Finished), (status!.Attempt, status.TakenAt, status.Phase));
    }

    /// <summary><c>serve --once</c> in process: the one message is settled when this returns.</summary>
    private static async Task<int> RunOnceAsync(JobScenario scenario, CapturedLogs logs)
    {
        await using var host = new RunningHost(scenario.BuildHost(once: true, services: s => s.AddSingleton<ILoggerProvider>(logs)));
        return await host.Completion.WaitAsync(TimeSpan.FromMinutes(2));
    }
}

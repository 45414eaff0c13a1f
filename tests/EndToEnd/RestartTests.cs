using System.Text.Json;
using Platform.DevHost.Watchers;

namespace Platform.EndToEnd;

/// <summary>DevHost keeps orchestrations in Azure Storage on Azurite: stopping it does not lose a job in flight.</summary>
public sealed class RestartTests(RestartablePlatform platform) : IClassFixture<RestartablePlatform>
{
    [Fact]
    public async Task Restart_WhileJobWaitsForTheRunner_TheSameOrchestrationCarriesOnToCompleted()
    {
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), Datasets.TinyOptions());
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        await platform.WaitForPhaseAsync(jobId, "queued", TimeSpan.FromMinutes(1));
        var before = await platform.GetJobAsync(jobId);
        Assert.Single(await platform.PeekTrainingJobsAsync(), body => body.Contains(jobId, StringComparison.Ordinal));

        // The new DevHost's watcher does not resubmit uploads that were already there, so only the stored orchestration,
        // woken by the runner's TrainingFinished event, can finish this job.
        await platform.RestartAsync(withRunner: true);
        var after = await platform.GetJobAsync(jobId);
        Assert.Equal(before.GetProperty("createdAt").GetDateTimeOffset(), after.GetProperty("createdAt").GetDateTimeOffset());

        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(3));
        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        Assert.Equal(before.GetProperty("createdAt").GetDateTimeOffset(), job.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Object, job.GetProperty("output").ValueKind);
        Assert.True(await platform.Models.GetBlobClient($"{model}/current.json").ExistsAsync());
    }
}

/// <summary>A restart empties DevHost's in-process broker; DevHost sends the dispatches of waiting jobs again.</summary>
public sealed class BrokerRestartTests(RestartablePlatformWithInProcessBroker platform) : IClassFixture<RestartablePlatformWithInProcessBroker>
{
    [Fact]
    public async Task Restart_InProcessBrokerLostTheDispatch_SameAttemptIsQueuedAgainAndCompletes()
    {
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), Datasets.TinyOptions());
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        await platform.WaitForPhaseAsync(jobId, "queued", TimeSpan.FromMinutes(1));

        await platform.RestartAsync(withRunner: true);

        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(3));
        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        // Attempt 1 itself, sent again at start: the watchdog's re-dispatch (after its 1 minute heartbeat timeout) would be attempt 2.
        Assert.Equal(1, job.GetProperty("output").GetProperty("attempts").GetInt32());
    }
}

/// <summary>Like Event Grid after a function app's downtime, DevHost takes the uploads it missed while stopped.</summary>
public sealed class UploadWhileStoppedTests(RestartablePlatform platform) : IClassFixture<RestartablePlatform>
{
    [Fact]
    public async Task Upload_WhileDevHostIsStopped_IsTakenWhenItStartsAgain()
    {
        // The watcher records how far it has looked once its first scan is done.
        var watermark = platform.Jobs.GetBlobClient(BlobTriggerWatcher.WatermarkBlob(platform.Datasets.Name));
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!await watermark.ExistsAsync(wait.Token))
            {
                await Task.Delay(250, wait.Token);
            }
        }

        await platform.StopAsync();
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), Datasets.TinyOptions());
        // Older than the new start by more than the watcher's slack for whole-second blob times: only the watermark finds it.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await platform.StartAsync(withRunner: true);

        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(3));
        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
    }
}


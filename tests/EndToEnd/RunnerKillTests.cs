using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Shared.Jobs;

namespace Platform.EndToEnd;

/// <summary>A runner process killed in the middle of a job, as a lost machine or an evicted container would be.</summary>
public sealed class RunnerKillTests(PlatformWithRunnerProcesses platform) : IClassFixture<PlatformWithRunnerProcesses>
{
    private const int TotalSteps = 300;

    [Fact]
    public async Task RunnerKilledMidTraining_NextRunnerResumesFromTheMirroredCheckpointAndTheJobCompletes()
    {
        var model = PlatformFixture.NewModelName();
        // 320 training rows in batches of 8: 40 steps an epoch, a checkpoint every 20 and one at each epoch's evaluation,
        // 300 steps in all (about 10 s on two cores), so the kill lands well before the end.
        await platform.UploadAsync(model, Datasets.Separable(400),
            Datasets.TinyOptions(epochs: 100, maxSteps: TotalSteps, checkpointEverySteps: 20, earlyStoppingPatience: 0));
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var pointerBlob = JobBlobs.CheckpointPrefix(jobId) + "latest.json";

        await using (var first = platform.StartRunner("first"))
        {
            await WaitForAsync(async () => await platform.Jobs.GetBlobClient(pointerBlob).ExistsAsync(), first, TimeSpan.FromMinutes(2), "a checkpoint in jobs/{id}/checkpoints/");
            await first.KillAsync();
        }

        // Nothing ran after the kill: no final status, no result, no event; the job is still out.
        var killed = (await platform.ReadJobJsonAsync(JobBlobs.Status(jobId)))!.Value;
        Assert.Equal(RunnerPhases.Training, killed.GetProperty("phase").GetString());
        Assert.Null(await platform.ReadJobJsonAsync(JobBlobs.Result(jobId)));
        var checkpointStep = (await platform.ReadJobJsonAsync(pointerBlob))!.Value.GetProperty("step").GetInt32();
        Assert.InRange(checkpointStep, 1, TotalSteps - 1);
        // The orchestrator has not looked at the heartbeat yet; the API says training from the runner's status.json.
        Assert.Equal("queued", await platform.OrchestrationPhaseAsync(jobId));
        Assert.Equal("training", await PhaseAsync(jobId));

        // The message comes back once its lock lapses (5 s) and the next runner takes it.
        await using var second = platform.StartRunner("second");
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.True(job.GetProperty("phase").GetString() == "completed", job + "\n" + second.Output);
        var output = job.GetProperty("output");
        Assert.Equal(1, output.GetProperty("attempts").GetInt32());
        var result = (await platform.ReadJobJsonAsync(JobBlobs.Result(jobId)))!.Value;
        Assert.True(result.GetProperty("resumed").GetBoolean(), result.ToString());
        Assert.Equal(checkpointStep, result.GetProperty("resumedFromStep").GetInt32());
        Assert.Equal(TotalSteps, result.GetProperty("steps").GetInt32());
        Assert.Equal(checkpointStep, job.GetProperty("progress").GetProperty("resumedFromStep").GetInt32());
        Assert.Equal(RunnerPhases.Finished, job.GetProperty("progress").GetProperty("phase").GetString());

        var version = output.GetProperty("version").GetString();
        var current = CurrentModelDocument.Parse(
            (await platform.Models.GetBlobClient(ModelBlobs.Current(model)).DownloadContentAsync()).Value.Content.ToMemory().Span, ModelBlobs.Current(model));
        Assert.Equal((version, jobId), (current.Version, current.JobId));
        using var response = await platform.Http.PostAsJsonAsync(
            new Uri($"/api/models/{model}/predict", UriKind.Relative), new { texts = new[] { "wonderful excellent great", "terrible awful horrible" } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(["positive", "negative"], body.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("label").GetString()));
        Assert.Empty(await platform.PeekTrainingJobsAsync());
    }

    private async Task<string?> PhaseAsync(string jobId)
    {
        using var response = await platform.Http.GetAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phase").GetString();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, RunnerProcess runner, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.False(runner.HasExited, $"The runner exited before {what}:\n{runner.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"No {what} after {timeout}:\n{runner.Output}");
            await Task.Delay(100);
        }
    }
}

using System.Text.Json;
using Platform.Shared.Jobs;

namespace Platform.EndToEnd;

/// <summary>A job the runner can never train: its message is dead-lettered with the reason and the job ends failed.</summary>
public sealed class PoisonMessageTests(PlatformWithRunnerProcesses platform) : IClassFixture<PlatformWithRunnerProcesses>
{
    [Fact]
    public async Task PreparedSplitTornAfterDispatch_RunnerDeadLettersTheMessageAndTheJobFails()
    {
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), Datasets.TinyOptions());
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        await WaitUntilDispatchedAsync(jobId);

        // The prepared train split loses its end, as a torn write would leave it: the last record stops mid-way.
        var train = platform.Jobs.GetBlobClient(JobBlobs.Split(jobId, SplitNames.Train));
        var content = (await train.DownloadContentAsync()).Value.Content.ToString();
        var lastLine = content.TrimEnd('\n').Split('\n').Length;
        await train.UploadAsync(BinaryData.FromString(content.TrimEnd('\n')[..^12]), overwrite: true);

        await using var runner = platform.StartRunner("runner");
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(2));

        Assert.True(job.GetProperty("phase").GetString() == "failed", job + "\n" + runner.Output);
        var output = job.GetProperty("output");
        Assert.Equal("failed", output.GetProperty("outcome").GetString());
        Assert.Equal("DatasetRejected", output.GetProperty("errorCode").GetString());
        var error = output.GetProperty("error").GetString()!;
        Assert.Contains($"{platform.Jobs.Name}/{JobBlobs.Split(jobId, SplitNames.Train)} is not valid JSON lines", error, StringComparison.Ordinal);
        Assert.Contains($"JSON line {lastLine} ", error, StringComparison.Ordinal);
        Assert.Equal(RunnerPhases.Failed, job.GetProperty("progress").GetProperty("phase").GetString());
        Assert.Equal(error, job.GetProperty("progress").GetProperty("error").GetString());

        var deadLettered = Assert.Single(await platform.PeekDeadLetteredAsync());
        Assert.Equal("DatasetRejected", deadLettered.DeadLetterReason);
        Assert.Equal(error, deadLettered.DeadLetterErrorDescription);
        Assert.Equal(jobId, deadLettered.Body.ToObjectFromJson<JsonElement>().GetProperty("jobId").GetString());
        Assert.Equal(1, deadLettered.DeliveryCount);
        Assert.Empty(await platform.PeekTrainingJobsAsync());
        Assert.False(await platform.Models.GetBlobClient($"{model}/current.json").ExistsAsync());
        Assert.False(await platform.Jobs.GetBlobClient(JobBlobs.Result(jobId)).ExistsAsync());
    }

    /// <summary>The message is on <c>training-jobs</c> (no runner runs yet), so the splits are complete and the orchestration waits.</summary>
    private async Task WaitUntilDispatchedAsync(string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await platform.PeekTrainingJobsAsync()).Any(body => body.Contains(jobId, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Job {jobId} was not dispatched within 30 s.");
            await Task.Delay(250);
        }
    }
}

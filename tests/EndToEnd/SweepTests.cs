using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Pipeline.Handlers.Uploads;
using Platform.Pipeline.Sweeps;
using Platform.Shared.Jobs;

namespace Platform.EndToEnd;

/// <summary>Sweeps through DevHost: trials as child orchestrations, each dispatched to the real runner, the best published.</summary>
public sealed class SweepTests(SweepPlatform platform) : IClassFixture<SweepPlatform>
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Upload_SweepOfThreeTrials_PublishesTheBestAndRecordsAllThree()
    {
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), SweepOptions("""{"grid": {"training.learningRate": [0.001, 0.003, 0.0003]}, "maxParallelTrials": 2}"""));

        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, Long);

        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        var trials = Trials(job);
        Assert.Equal([1, 2, 3], trials.Select(t => t.GetProperty("number").GetInt32()));
        Assert.All(trials, t => Assert.Equal(TrialOutcomes.Completed, t.GetProperty("outcome").GetString()));
        Assert.All(trials, t => Assert.True(t.GetProperty("steps").GetInt32() > 0));
        Assert.All(trials, t => Assert.True(t.GetProperty("seconds").GetDouble() > 0));
        Assert.Equal([0.001, 0.003, 0.0003], trials.Select(t => t.GetProperty("options").GetProperty("training.learningRate").GetDouble()));
        var winner = Assert.Single(trials, t => t.GetProperty("winner").GetBoolean());
        var best = trials.Max(t => t.GetProperty("bestValidationMacroF1").GetDouble());
        Assert.Equal(best, winner.GetProperty("bestValidationMacroF1").GetDouble());
        Assert.Equal(
            trials.Where(t => t.GetProperty("bestValidationMacroF1").GetDouble() == best).Min(t => t.GetProperty("steps").GetInt32()),
            winner.GetProperty("steps").GetInt32());

        // The published version is the winning trial's package, and its card lists all three trials.
        var version = job.GetProperty("output").GetProperty("version").GetString()!;
        var published = await platform.Models.GetBlobClient($"{ModelBlobs.VersionPrefix(model, version)}model.safetensors").GetPropertiesAsync();
        var trained = await platform.Jobs.GetBlobClient($"{JobBlobs.ModelPrefix(winner.GetProperty("jobId").GetString()!)}model.safetensors").GetPropertiesAsync();
        Assert.Equal(trained.Value.ContentLength, published.Value.ContentLength);
        Assert.Equal(
            await Sha256Async(platform.Jobs.GetBlobClient($"{JobBlobs.ModelPrefix(winner.GetProperty("jobId").GetString()!)}model.safetensors")),
            await Sha256Async(platform.Models.GetBlobClient($"{ModelBlobs.VersionPrefix(model, version)}model.safetensors")));
        var card = (await platform.Models.GetBlobClient($"{ModelBlobs.VersionPrefix(model, version)}card.md").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("Sweep: 3 trials", card, StringComparison.Ordinal);
        Assert.Equal(3, card.Split('\n').Count(line => line.StartsWith("| ", StringComparison.Ordinal) && line.Contains("training.learningRate = ", StringComparison.Ordinal)));

        using var response = await platform.Http.PostAsJsonAsync(new Uri($"/api/models/{model}/predict", UriKind.Relative), new { texts = new[] { "wonderful excellent great" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sweep_OneTrialFails_TheOthersFinishAndTheBestIsPublished()
    {
        var model = PlatformFixture.NewModelName();
        var csv = Datasets.Separable();
        var options = SweepOptions("""{"grid": {"training.learningRate": [0.001, 0.002, 0.003]}, "maxParallelTrials": 2}""");
        await platform.Datasets.GetBlobClient($"{model}.options.json").UploadAsync(BinaryData.FromString(options), overwrite: true);
        var expected = await platform.Services.GetRequiredService<DatasetUploadHandler>()
            .ExpectJobAsync($"{model}.csv", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv))), CancellationToken.None);
        Assert.Null(expected.Refusal);

        // Trial 2's runner will find an attempt already failed (as after a crash it reported) and say so at once.
        var failing = TrialRun.JobId(expected.JobId, 2);
        var failed = new TrainingFinished(failing, 1, TrainingOutcome.Failed, "training_failed", "The loss became NaN at step 3.");
        await platform.Jobs.CreateIfNotExistsAsync();
        await platform.Jobs.GetBlobClient(JobBlobs.Result(failing)).UploadAsync(
            BinaryData.FromString(JsonSerializer.Serialize(new { @event = failed, steps = 0, resumed = false, device = "cpu", finishedAt = DateTimeOffset.UtcNow }, WireJson.Options)));
        await platform.Datasets.GetBlobClient($"{model}.csv").UploadAsync(BinaryData.FromString(csv), overwrite: true);

        var job = await platform.WaitForTerminalAsync(await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30)), Long);

        Assert.Equal(expected.JobId, job.GetProperty("id").GetString());
        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        var trials = Trials(job);
        Assert.Equal([TrialOutcomes.Completed, TrialOutcomes.Failed, TrialOutcomes.Completed], trials.Select(t => t.GetProperty("outcome").GetString()));
        Assert.Equal("The loss became NaN at step 3.", trials[1].GetProperty("error").GetString());
        Assert.NotEqual(2, Assert.Single(trials, t => t.GetProperty("winner").GetBoolean()).GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Sweep_CancelledWhileTrialsTrain_CancelsEveryTrial()
    {
        var model = PlatformFixture.NewModelName();
        // Long trials (100 epochs over 2,000 rows, never stopping early), so they are still training when the cancel comes on any machine.
        await platform.UploadAsync(model, Datasets.Separable(2000),
            SweepOptions("""{"grid": {"training.learningRate": [0.001, 0.002]}, "maxParallelTrials": 2}""", epochs: 100, earlyStoppingPatience: 0));
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        await WaitAsync(jobId, view => view.TryGetProperty("sweep", out var s) && s.ValueKind == JsonValueKind.Object
            && Trials(view).All(t => t.GetProperty("outcome").GetString() == TrialOutcomes.Running));

        using var cancel = await platform.Http.PostAsJsonAsync(new Uri($"/api/jobs/{jobId}/cancel", UriKind.Relative), new { reason = "enough trials" });
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        var job = await platform.WaitForTerminalAsync(jobId, Long);

        Assert.True(job.GetProperty("phase").GetString() == "cancelled", job.ToString());
        var trials = Trials(job);
        Assert.All(trials, t => Assert.Equal(TrialOutcomes.Cancelled, t.GetProperty("outcome").GetString()));
        foreach (var trial in trials)
        {
            // Every trial left the marker its runner stops on, and its runner stopped (its status says so).
            var id = trial.GetProperty("jobId").GetString()!;
            Assert.True(await platform.Jobs.GetBlobClient(JobBlobs.CancelMarker(id)).ExistsAsync(), id);
            await WaitForRunnerToStopAsync(id);
        }
    }

    private static IReadOnlyList<JsonElement> Trials(JsonElement job) => [.. job.GetProperty("sweep").GetProperty("trials").EnumerateArray()];

    private static string SweepOptions(string sweep, int epochs = 3, int? earlyStoppingPatience = null)
    {
        var options = JsonNode.Parse(Datasets.TinyOptions(epochs, earlyStoppingPatience: earlyStoppingPatience))!.AsObject();
        options["sweep"] = JsonNode.Parse(sweep);
        return options.ToJsonString();
    }

    private async Task WaitAsync(string jobId, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + Long;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await platform.GetJobAsync(jobId);
            if (condition(last))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Job {jobId} did not get there within {Long}; last view: {last}");
    }

    /// <summary>Waits for the runner of trial <paramref name="trialJobId"/> to write a cancelled result (or never to have taken it).</summary>
    private async Task WaitForRunnerToStopAsync(string trialJobId)
    {
        var deadline = DateTime.UtcNow + Long;
        while (DateTime.UtcNow < deadline)
        {
            var status = await platform.ReadJobJsonAsync(JobBlobs.Status(trialJobId));
            if (status is null || status.Value.GetProperty("phase").GetString() is RunnerPhases.Cancelled)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The runner of {trialJobId} did not stop within {Long}.");
    }

    private static async Task<string> Sha256Async(Azure.Storage.Blobs.BlobClient blob)
    {
        await using var stream = await blob.OpenReadAsync();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}

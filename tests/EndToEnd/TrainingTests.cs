using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd;

/// <summary>Upload → orchestration → broker → runner → evaluate → publish → predict, through DevHost's HTTP routes.</summary>
public sealed class TrainingTests(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    [Fact]
    public async Task Upload_SeparableCsv_TrainsPublishesAndPredicts()
    {
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), Datasets.TinyOptions());

        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        Assert.True(await platform.Models.GetBlobClient($"{model}/current.json").ExistsAsync());

        using var response = await platform.Http.PostAsJsonAsync(
            new Uri($"/api/models/{model}/predict", UriKind.Relative),
            new { texts = new[] { "wonderful excellent great", "terrible awful horrible" } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(2, predictions.Count);
        foreach (var prediction in predictions)
        {
            Assert.Contains(prediction.GetProperty("label").GetString(), new[] { "positive", "negative" });
            var scores = prediction.GetProperty("scores").EnumerateObject().ToList();
            Assert.Equal(new[] { "negative", "positive" }, scores.Select(s => s.Name).Order());
            Assert.All(scores, s => Assert.InRange(s.Value.GetSingle(), 0f, 1f));
        }
    }

    [Fact]
    public async Task Cancel_WhileTraining_EndsCancelledWithoutPublishing()
    {
        var model = PlatformFixture.NewModelName();
        // Long enough (100 epochs over 300 rows) that the cancel lands while the runner is still training.
        await platform.UploadAsync(model, Datasets.Separable(300), Datasets.TinyOptions(epochs: 100));
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        await platform.WaitForPhaseAsync(jobId, "training", TimeSpan.FromMinutes(1));

        using var cancel = await platform.Http.PostAsync(new Uri($"/api/jobs/{jobId}/cancel", UriKind.Relative), content: null);
        Assert.True(cancel.StatusCode == HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());

        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(1));
        Assert.True(job.GetProperty("phase").GetString() == "cancelled", job.ToString());
        Assert.False(await platform.Models.GetBlobClient($"{model}/current.json").ExistsAsync());
    }
}

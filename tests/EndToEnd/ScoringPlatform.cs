using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd;

/// <summary>
/// The whole platform with one model trained through it (the tiny BERT) to score with, and small scoring chunks and
/// blocks, so a few thousand rows already fan out over many chunk activities. Served in fp32: the int8 graph quantizes
/// activations per batch, so a text's scores move in the third decimal with the texts it is batched with (in the predict
/// route as much as in scoring), and the tiny model's scores sit close enough to 0.5 for that to flip labels.
/// </summary>
public sealed class ScoringPlatform() : PlatformFixture(runRunner: true, extra: new Dictionary<string, string?>
{
    ["Pipeline:Scoring:ChunkBytes"] = "32768",
    ["Pipeline:Scoring:BlockBytes"] = "16384",
    ["Handlers:Predictor:Precision"] = "fp32",
}), IAsyncLifetime
{
    /// <summary>The trained model.</summary>
    public string Model { get; } = NewModelName();

    /// <summary>Its one version, current.</summary>
    public string Version { get; private set; } = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await UploadAsync(Model, EndToEnd.Datasets.Separable(), EndToEnd.Datasets.TinyOptions());
        var job = await WaitForTerminalAsync(await WaitForJobIdAsync(Model, TimeSpan.FromSeconds(30)), TimeSpan.FromMinutes(5));
        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        Version = job.GetProperty("output").GetProperty("version").GetString()!;
        await Scoring.CreateIfNotExistsAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    /// <summary>Uploads the options sibling (when given), then the CSV to score as <c>{model}/{name}.csv</c>.</summary>
    public async Task UploadToScoreAsync(string model, string name, BinaryData csv, string? optionsJson = null)
    {
        if (optionsJson is not null)
        {
            await Scoring.GetBlobClient($"{model}/{name}.options.json").UploadAsync(BinaryData.FromString(optionsJson), overwrite: true);
        }

        await Scoring.GetBlobClient($"{model}/{name}.csv").UploadAsync(csv, overwrite: true);
    }

    /// <summary>The scoring jobs <c>GET /api/jobs?model=</c> lists for <paramref name="model"/>, once there is at least one.</summary>
    public async Task<IReadOnlyList<string>> WaitForScoringJobIdsAsync(string model, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            using var response = await Http.GetAsync(new Uri($"/api/jobs?model={model}", UriKind.Relative), cancellation.Token);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation.Token);
            Assert.True(response.IsSuccessStatusCode, body.ToString());
            var jobs = body.GetProperty("jobs").EnumerateArray()
                .Where(job => job.GetProperty("kind").GetString() == "scoring")
                .Select(job => job.GetProperty("id").GetString()!)
                .ToList();
            if (jobs.Count > 0)
            {
                return jobs;
            }

            await Task.Delay(250, cancellation.Token);
        }
    }

    /// <summary>The id of the scoring job of <c>{model}/{name}.csv</c>, as a user finds it: in <c>GET /api/jobs?model=</c>, by its input.</summary>
    public async Task<string> WaitForScoringJobIdAsync(string model, string name, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            foreach (var jobId in await WaitForScoringJobIdsAsync(model, timeout))
            {
                var view = await GetJobAsync(jobId);
                if (view.TryGetProperty("scoring", out var scoring) && scoring.GetProperty("inputBlob").GetString() == $"{model}/{name}.csv")
                {
                    return jobId;
                }
            }

            await Task.Delay(250, cancellation.Token);
        }
    }

    /// <summary>The scoring job of <c>{model}/{name}.csv</c>, followed to its end.</summary>
    public async Task<JsonElement> WaitForScoringAsync(string model, string name, TimeSpan timeout) =>
        await WaitForTerminalAsync(await WaitForScoringJobIdAsync(model, name, TimeSpan.FromSeconds(30)), timeout);
}

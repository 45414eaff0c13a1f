using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.EndToEnd.Browser;

/// <summary>The whole platform for the console's browser tests, with one model of two versions trained on demand, once.</summary>
public sealed class ConsolePlatform : PlatformFixture
{
    private readonly Lazy<Task<TwoVersions>> _twoVersions;

    public ConsolePlatform()
        : base(runRunner: true)
    {
        _twoVersions = new(TrainTwoVersionsAsync);
    }

    /// <summary>A model with two published versions, trained one after the other through the upload routes.</summary>
    public Task<TwoVersions> TwoVersionsAsync() => _twoVersions.Value;

    private async Task<TwoVersions> TrainTwoVersionsAsync()
    {
        var model = NewModelName();
        var first = await TrainAsync(model, EndToEnd.Datasets.Separable(60));
        var second = await TrainAsync(model, EndToEnd.Datasets.Separable(80));
        return new TwoVersions(model, first, second);
    }

    /// <summary>Uploads through the API's routes (POST /api/uploads, then PUT where it says) and wait for the job; returns the published version.</summary>
    private async Task<string> TrainAsync(string model, string csv)
    {
        var jobId = await StartUploadAsync(model, csv, EndToEnd.Datasets.TinyOptions(epochs: 1));
        var job = await WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(3));
        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        return job.GetProperty("output").GetProperty("version").GetString()!;
    }

    /// <summary>POST /api/uploads, then PUT the CSV where it says; returns the job id the upload answers with.</summary>
    public async Task<string> StartUploadAsync(string model, string csv, string optionsJson)
    {
        var options = JsonDocument.Parse(optionsJson).RootElement;
        using var prepared = await Http.PostAsJsonAsync(new Uri("/api/uploads", UriKind.Relative), new { model, fileName = "reviews.csv", options });
        Assert.True(prepared.IsSuccessStatusCode, await prepared.Content.ReadAsStringAsync());
        var url = (await prepared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload").GetProperty("url").GetString()!;
        using var put = await Http.PutAsync(new Uri(url, UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        return (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}

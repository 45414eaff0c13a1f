using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd;

/// <summary>What the watcher does with bad and repeated uploads; no runner, so whatever is dispatched stays on the queue.</summary>
public sealed class UploadTests(PlatformWithoutRunner platform) : IClassFixture<PlatformWithoutRunner>
{
    [Fact]
    public async Task Upload_InvalidCsv_FailsWithValidationReportAndDispatchesNothing()
    {
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Invalid(), Datasets.TinyOptions());

        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.True(job.GetProperty("phase").GetString() == "failed", job.ToString());
        Assert.Equal(JsonValueKind.Object, job.GetProperty("validationReport").ValueKind);
        Assert.False(await platform.Models.GetBlobClient($"{model}/current.json").ExistsAsync());
        Assert.DoesNotContain(await platform.PeekTrainingJobsAsync(), body => body.Contains(jobId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("binary-control-bytes.csv", "not_text")]
    [InlineData("quotes-header.csv", "missing_columns")]
    public async Task Upload_BinaryOrHugeHeader_FailsWithAShortMessageAndAReadableJob(string file, string code)
    {
        // Such files once made the orchestration state too large for Azure Storage (64 KB a property): the phase read null.
        var model = PlatformFixture.NewModelName();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Platform.TestSupport.RepositoryRoot.Path, "tests", "Shared.Tests", "data", "bad", file));
        await platform.Datasets.GetBlobClient($"{model}.options.json").UploadAsync(BinaryData.FromString(Datasets.TinyOptions()), overwrite: true);
        await platform.Datasets.GetBlobClient($"{model}.csv").UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);

        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.True(job.GetProperty("phase").GetString() == "failed", job.ToString());
        var output = job.GetProperty("output");
        Assert.Equal("validation", output.GetProperty("errorCode").GetString());
        Assert.InRange(output.GetProperty("error").GetString()!.Length, 20, 1_000);
        Assert.Equal(code, output.GetProperty("validation").GetProperty("error").GetProperty("code").GetString());
        Assert.Equal($"{jobId}/report.json", output.GetProperty("validation").GetProperty("reportBlob").GetString());
        Assert.Equal(code, job.GetProperty("validationReport").GetProperty("error").GetProperty("code").GetString());
        Assert.True(job.GetRawText().Length < 16_000, $"{job.GetRawText().Length} characters");
        Assert.Equal(bytes, (await platform.Datasets.GetBlobClient($"{model}.csv").DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Upload_SameBytesTwice_StartsOneJob()
    {
        var model = PlatformFixture.NewModelName();
        var csv = Datasets.Separable(40);
        await platform.UploadAsync(model, csv, Datasets.TinyOptions());
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));

        // A new ETag for the same bytes: the watcher hands it over again and the handler finds the first job.
        await platform.Datasets.GetBlobClient($"{model}.csv").UploadAsync(BinaryData.FromString(csv), overwrite: true);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(jobId, await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(5)));

        using var again = await platform.Http.PostAsync(
            new Uri("/api/jobs", UriKind.Relative),
            JsonContent.Create(JsonSerializer.Deserialize<JsonElement>(
                $$"""{"model":"{{model}}","dataset":"{{model}}.csv",{{Datasets.TinyOptions()[1..]}}""")));
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(again.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(jobId, body.GetProperty("id").GetString());
        Assert.Single(await platform.PeekTrainingJobsAsync(), message => message.Contains(jobId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_WithOptionsTheApiRefuses_IsListedAsAFailedJobWithTheProblem()
    {
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(40), """{"training":{"epochs":0},"colour":"red"}""");

        // Nobody sees an answer to an upload: the job list is where the refusal shows.
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.True(job.GetProperty("phase").GetString() == "failed", job.ToString());
        Assert.Equal("upload_rejected", job.GetProperty("output").GetProperty("errorCode").GetString());
        var problem = job.GetProperty("problem");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("colour", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("training.epochs", out _), problem.ToString());
        Assert.DoesNotContain(await platform.PeekTrainingJobsAsync(), body => body.Contains(jobId, StringComparison.Ordinal));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;
using Xunit.Abstractions;

namespace Platform.EndToEnd;

/// <summary>Batch scoring by upload through DevHost: a CSV in <c>scoring</c> → chunked, scored, joined in <c>scoring-results</c>.</summary>
public sealed class ScoringTests(ScoringPlatform platform, ITestOutputHelper log) : IClassFixture<ScoringPlatform>
{
    [Fact]
    public async Task Upload_TenThousandRows_ComeBackInOrderWithThePredictRoutesLabels()
    {
        const int rows = 10_000;
        var input = new StringBuilder("id,text,note\n");
        var texts = new List<string>(rows);
        string[] words = ["wonderful", "excellent", "great", "lovely", "terrible", "awful", "horrible", "dreadful", "broken", "superb"];
        for (var i = 0; i < rows; i++)
        {
            var text = $"{words[i % 10]} {words[(i / 10) % 10]} {words[(i / 100) % 10]} {i}";
            texts.Add(i % 50 == 0 ? text + "\nsecond line" : text);
            // Every kind of cell a person's file has: quoted line breaks, commas, quotes, numbers, empty cells.
            var note = (i % 4) switch { 0 => "\"a, b\"", 1 => "\"say \"\"hi\"\"\"", 2 => "-5", _ => "" };
            input.Append(CultureInfo.InvariantCulture, $"{i},{(i % 50 == 0 ? $"\"{text}\nsecond line\"" : text)},{note}\n");
        }

        var model = platform.Model;
        await platform.UploadToScoreAsync(model, "batch", BinaryData.FromString(input.ToString()));
        var job = await platform.WaitForScoringAsync(model, "batch", TimeSpan.FromMinutes(5));

        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        Assert.Equal("scoring", job.GetProperty("kind").GetString());
        var scoring = job.GetProperty("scoring");
        Assert.Equal(rows, scoring.GetProperty("rowsScored").GetInt64());
        Assert.Equal(platform.Version, scoring.GetProperty("version").GetString());
        Assert.Equal($"{model}/batch.predictions.csv", scoring.GetProperty("outputBlob").GetString());
        Assert.True(scoring.GetProperty("chunks").GetInt32() > 4, scoring.ToString());
        var took = job.GetProperty("lastUpdatedAt").GetDateTimeOffset() - job.GetProperty("createdAt").GetDateTimeOffset();
        log.WriteLine($"{rows} rows in {scoring.GetProperty("chunks").GetInt32()} chunks scored in {took.TotalSeconds:F1} s ({rows / took.TotalSeconds:F0} rows/s)");

        var output = (await platform.ScoringResults.GetBlobClient($"{model}/batch.predictions.csv").DownloadContentAsync()).Value.Content.ToString();
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(output);
        Assert.Equal(["id", "text", "note", "label", "score_negative", "score_positive"], reader.Header.ColNames);
        var scored = new List<(string Text, string Label, float Negative, float Positive)>();
        foreach (var row in reader)
        {
            Assert.Equal(scored.Count.ToString(CultureInfo.InvariantCulture), row["id"].ToString());
            var note = (scored.Count % 4) switch { 0 => "a, b", 1 => "say \"hi\"", 2 => "-5", _ => "" };
            Assert.Equal(note, row["note"].ToString());
            scored.Add((row["text"].ToString(), row["label"].ToString(),
                float.Parse(row["score_negative"].ToString(), CultureInfo.InvariantCulture), float.Parse(row["score_positive"].ToString(), CultureInfo.InvariantCulture)));
        }

        Assert.Equal(texts, scored.Select(s => s.Text));
        var predicted = await PredictAsync(model, texts);
        for (var i = 0; i < rows; i++)
        {
            var (label, negative, positive) = predicted[i];
            Assert.True(Math.Abs(negative - scored[i].Negative) < 1e-4 && Math.Abs(positive - scored[i].Positive) < 1e-4,
                $"row {i}: scored {scored[i].Negative}/{scored[i].Positive}, predict route {negative}/{positive}");
            // Batches of other sizes can move a score in its last digits; only an exact tie could then change the label.
            if (Math.Abs(negative - positive) > 1e-4)
            {
                Assert.True(label == scored[i].Label, $"row {i}: scored {scored[i].Label}, predict route {label}");
            }
        }

        Assert.Equal(input.ToString(), (await platform.Scoring.GetBlobClient($"{model}/batch.csv").DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Upload_RowWithoutText_FailsNamingItsLineAndWritesNoOutput()
    {
        var model = platform.Model;
        var csv = "id,text\n1,wonderful\n2,terrible\n3,great\n4,\n5,awful\n";
        await platform.UploadToScoreAsync(model, "holes", BinaryData.FromString(csv));
        var jobId = await platform.WaitForScoringJobIdAsync(model, "holes", TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(2));

        Assert.True(job.GetProperty("phase").GetString() == "failed", job.ToString());
        Assert.Equal("validation", job.GetProperty("output").GetProperty("errorCode").GetString());
        Assert.StartsWith("line 5: the text column is empty", job.GetProperty("output").GetProperty("error").GetString(), StringComparison.Ordinal);
        var error = Assert.Single(job.GetProperty("scoring").GetProperty("errors").EnumerateArray());
        Assert.Equal(5, error.GetProperty("line").GetInt32());
        Assert.Equal("empty_text", error.GetProperty("code").GetString());
        Assert.False(await platform.ScoringResults.GetBlobClient($"{model}/holes.predictions.csv").ExistsAsync());
        // The report stays readable in the jobs container; the upload is as it was.
        Assert.NotNull(await platform.ReadJobJsonAsync($"{jobId}/scoring.json"));
        Assert.Equal(csv, (await platform.Scoring.GetBlobClient($"{model}/holes.csv").DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Upload_WithAVersionOption_ScoresWithThatVersion()
    {
        var model = platform.Model;
        // A second version of the model: the same package under another name, not current.
        await foreach (var blob in platform.Models.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{model}/{platform.Version}/" }))
        {
            var source = platform.Models.GetBlobClient(blob.Name);
            var copy = platform.Models.GetBlobClient(blob.Name.Replace($"/{platform.Version}/", "/pinned-copy/", StringComparison.Ordinal));
            await copy.UploadAsync((await source.DownloadContentAsync()).Value.Content, overwrite: true);
        }

        await platform.UploadToScoreAsync(model, "pinned", BinaryData.FromString("text\nwonderful great\nterrible awful\n"), """{"version":"pinned-copy"}""");
        var job = await platform.WaitForScoringAsync(model, "pinned", TimeSpan.FromMinutes(2));

        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        Assert.Equal("pinned-copy", job.GetProperty("scoring").GetProperty("version").GetString());
        Assert.Equal("pinned-copy", job.GetProperty("output").GetProperty("version").GetString());
        var output = (await platform.ScoringResults.GetBlobClient($"{model}/pinned.predictions.csv").DownloadContentAsync()).Value.Content.ToString();
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Upload_ForAModelThatDoesNotExist_FailsWithAClearMessageOnce()
    {
        var model = PlatformFixture.NewModelName();
        var csv = BinaryData.FromString("text\nanything\n");
        await platform.UploadToScoreAsync(model, "orphan", csv);
        var jobId = await platform.WaitForScoringJobIdAsync(model, "orphan", TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.True(job.GetProperty("phase").GetString() == "failed", job.ToString());
        Assert.Equal("model_not_found", job.GetProperty("output").GetProperty("errorCode").GetString());
        Assert.Contains($"Model '{model}' has no published version", job.GetProperty("output").GetProperty("error").GetString(), StringComparison.Ordinal);

        // The same bytes again (a new ETag, so the watcher hands them over again): the same job, not a second one.
        await platform.UploadToScoreAsync(model, "orphan", csv);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal([jobId], await platform.WaitForScoringJobIdsAsync(model, TimeSpan.FromSeconds(5)));
    }

    /// <summary>What <c>POST /api/models/{model}/predict</c> answers for each text, in request-sized batches.</summary>
    private async Task<List<(string Label, float Negative, float Positive)>> PredictAsync(string model, IReadOnlyList<string> texts)
    {
        var answers = new List<(string, float, float)>(texts.Count);
        foreach (var batch in texts.Chunk(64))
        {
            using var response = await platform.Http.PostAsJsonAsync(new Uri($"/api/models/{model}/predict", UriKind.Relative), new { texts = batch });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            foreach (var prediction in body.GetProperty("predictions").EnumerateArray())
            {
                var scores = prediction.GetProperty("scores");
                answers.Add((prediction.GetProperty("label").GetString()!, scores.GetProperty("negative").GetSingle(), scores.GetProperty("positive").GetSingle()));
            }
        }

        return answers;
    }
}

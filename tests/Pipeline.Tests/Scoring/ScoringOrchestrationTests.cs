using System.Globalization;
using System.Text;
using Microsoft.DurableTask.Client;
using Platform.Modeling.Serving;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Scoring;
using Platform.Pipeline.Tests.Handlers;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Scoring;

/// <summary>The scoring orchestration on the real Durable Task SDK, Azurite and the served ONNX graphs, started as the blob trigger starts it.</summary>
public sealed class ScoringOrchestrationTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    [Fact]
    public async Task Score_ManyChunks_CommitsEveryRowInInputOrderWithItsScores()
    {
        var model = await PublishAsync(fixture.Packages.Sentiment, "v1", current: true);
        var csv = new StringBuilder("id,text\n");
        for (var i = 0; i < 300; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{(i % 7 == 0 ? $"\"alpha, beta\ngamma {i}\"" : $"kappa delta {i}")}\n");
        }

        var (jobId, result) = await ScoreAsync(model, "many", csv.ToString());

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.Equal(300, result.Scoring!.RowsScored);
        Assert.Equal("v1", result.Scoring.Version);
        Assert.True(result.Scoring.Chunks > 10, $"{result.Scoring.Chunks} chunks");
        var lines = await ReadOutputRecordsAsync(model, "many");
        Assert.Equal("id,text,label,score_negative,score_positive", lines[0]);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]));
        Assert.All(lines.Skip(1), l => Assert.Matches(@",(positive|negative),[0-9.E-]+,[0-9.E-]+$", l));
        Assert.NotNull(await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Scoring(jobId)).DownloadContentAsync());
    }

    [Fact]
    public async Task Score_VersionOption_UsesThatVersionNotTheCurrentOne()
    {
        var model = await PublishAsync(fixture.Packages.Sentiment, "v1", current: true);
        await TrainedPackagesFixture.UploadAsync(fixture.Storage.Models, fixture.Packages.Spam, model, "v2");

        var (_, result) = await ScoreAsync(model, "pinned", "text\nalpha\nbeta\n", """{"version":"v2"}""");

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.Equal("v2", result.Scoring!.Version);
        var lines = await ReadOutputRecordsAsync(model, "pinned");
        Assert.Equal("text,label,score_ham,score_spam", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Matches("^[a-z]+,(ham|spam),", l));
    }

    [Fact]
    public async Task Score_BadRowInALaterChunk_FailsNamingItsLineAndCommitsNothing()
    {
        var model = await PublishAsync(fixture.Packages.Sentiment, "v1", current: true);
        var csv = "text,id\n" + string.Concat(Enumerable.Range(0, 100).Select(i => i == 77 ? $"  ,{i}\n" : $"alpha {i},{i}\n"));

        var (_, result) = await ScoreAsync(model, "bad", csv);

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(PipelineErrorCodes.Validation, result.ErrorCode);
        Assert.StartsWith("line 79: the text column is empty", result.Error, StringComparison.Ordinal);
        Assert.Equal(79, Assert.Single(result.Scoring!.Errors!).Line);
        Assert.False(await fixture.Storage.ScoringResults.GetBlobClient($"{model}/bad.predictions.csv").ExistsAsync());
    }

    [Fact]
    public async Task Score_ModelWithoutAVersion_FailsWithModelNotFound()
    {
        var model = ScoringFixture.NewModelName();

        var (_, result) = await ScoreAsync(model, "orphan", "text\nalpha\n");

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(ScoringErrorCodes.ModelNotFound, result.ErrorCode);
        Assert.Contains("has no published version", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_UnknownOption_IsAFailedJobWithTheProblem()
    {
        var model = await PublishAsync(fixture.Packages.Sentiment, "v1", current: true);

        var (jobId, result) = await ScoreAsync(model, "odd", "text\nalpha\n", """{"colour":"red"}""");

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(PipelineErrorCodes.UploadRejected, result.ErrorCode);
        Assert.Contains("colour", result.Error, StringComparison.Ordinal);
        Assert.Contains("colour", (await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Problem(jobId)).DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_SameBytesTwice_IsOneJob()
    {
        var model = await PublishAsync(fixture.Packages.Sentiment, "v1", current: true);
        var (first, _) = await ScoreAsync(model, "twice", "text\nalpha\n");

        var again = await fixture.Uploads.HandleAsync(fixture.Host.Client, $"{model}/twice.csv", default);

        Assert.Equal(first, again.ParseBody().GetProperty("id").GetString());
        Assert.Single(await fixture.Host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = model + "-" }).ToListAsync());
    }

    [Fact]
    public async Task Score_MultiLabelModel_WritesALabelsColumnAndAScorePerLabelInInputOrder()
    {
        var model = await PublishAsync(fixture.Packages.Emotions, "v1", current: true);
        var texts = Enumerable.Range(0, 40).Select(i => $"gamma theta sample {i}").ToArray();
        var csv = "id,text\n" + string.Concat(texts.Select((t, i) => $"{i},{t}\n"));

        var (_, result) = await ScoreAsync(model, "emotions", csv);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.Equal(40, result.Scoring!.RowsScored);
        Assert.True(result.Scoring.Chunks > 1, $"{result.Scoring.Chunks} chunks");
        using var predictor = Predictor.Load(fixture.Packages.Emotions, new PredictorOptions { Precision = "fp32" });
        Assert.True(predictor.Package.Labels.MultiLabel);
        var lines = await ReadOutputRecordsAsync(model, "emotions");
        Assert.Equal(["id", "text", "labels", .. predictor.Labels.Select(l => "score_" + l)], lines[0].Split(','));
        Assert.Equal(["anger", "fear", "joy"], predictor.Labels.Order(StringComparer.Ordinal));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        Assert.Equal(texts, rows.Select(r => r[1]));
        // The served package's answers: the label sets (joined by ';') and one score per label, in the header's order.
        var expected = predictor.Predict(texts);
        Assert.Equal(expected.Select(p => string.Join(';', p.Labels)), rows.Select(r => r[2]));
        Assert.All(rows.Zip(expected), pair => Assert.Equal(predictor.Labels.Select(l => (double)pair.Second.Scores[l]),
            pair.First[3..].Select(c => double.Parse(c, CultureInfo.InvariantCulture)), (a, b) => Math.Abs(a - b) < 1e-4));
    }

    [Fact]
    public async Task Handle_SameBytesWithAnotherVersionOption_IsAnotherJobAndTheSameOptionsAgainAreTheSameOne()
    {
        var model = await PublishAsync(fixture.Packages.Sentiment, "v1", current: true);
        await TrainedPackagesFixture.UploadAsync(fixture.Storage.Models, fixture.Packages.Spam, model, "v2");
        var (first, firstResult) = await ScoreAsync(model, "pinned", "text\nalpha\n", """{"version":"v1"}""");

        var (second, secondResult) = await ScoreAsync(model, "pinned", "text\nalpha\n", """{"version":"v2"}""");
        var again = await fixture.Uploads.HandleAsync(fixture.Host.Client, $"{model}/pinned.csv", default);

        Assert.NotEqual(first, second);
        Assert.Equal(("v1", "v2"), (firstResult.Scoring!.Version, secondResult.Scoring!.Version));
        Assert.Equal(second, again.ParseBody().GetProperty("id").GetString());
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), (await fixture.Host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = model + "-" }).ToListAsync())
            .Select(i => i.InstanceId).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private async Task<string> PublishAsync(string package, string version, bool current)
    {
        var model = ScoringFixture.NewModelName();
        await TrainedPackagesFixture.UploadAsync(fixture.Storage.Models, package, model, version);
        if (current)
        {
            await TrainedPackagesFixture.SetCurrentAsync(fixture.Storage.Models, model, version);
        }

        return model;
    }

    /// <summary>Uploads the file (and options) as a user would and does what the blob trigger does; the orchestration's result.</summary>
    private async Task<(string JobId, PipelineResult Result)> ScoreAsync(string model, string name, string csv, string? options = null)
    {
        if (options is not null)
        {
            await fixture.Storage.Scoring.GetBlobClient($"{model}/{name}.options.json").UploadAsync(BinaryData.FromString(options), overwrite: true);
        }

        await fixture.Storage.Scoring.GetBlobClient($"{model}/{name}.csv").UploadAsync(BinaryData.FromString(csv), overwrite: true);
        var started = await fixture.Uploads.HandleAsync(fixture.Host.Client, $"{model}/{name}.csv", default);
        var jobId = started.Headers["Location"].Split('/')[^1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var instance = await fixture.Host.Client.WaitForInstanceCompletionAsync(jobId, getInputsAndOutputs: true, timeout.Token);
        return (jobId, instance.ReadOutputAs<PipelineResult>()!);
    }

    /// <summary>The output's records, a quoted cell's line breaks kept inside its record.</summary>
    private async Task<List<string>> ReadOutputRecordsAsync(string model, string name)
    {
        var text = (await fixture.Storage.ScoringResults.GetBlobClient($"{model}/{name}.predictions.csv").DownloadContentAsync()).Value.Content.ToString();
        var records = new List<string>();
        var current = new StringBuilder();
        foreach (var line in text.Split('\n')[..^1])
        {
            current.Append(line);
            if (current.ToString().Count(c => c == '"') % 2 == 0)
            {
                records.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append('\n');
            }
        }

        return records;
    }
}

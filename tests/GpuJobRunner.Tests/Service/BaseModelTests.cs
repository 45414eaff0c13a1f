using System.Text.Json;
using Platform.Modeling.BaseModels;
using Platform.Modeling.FineTuning;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Training;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>Base models that are not built in come from the base-models container, never from the runner's own disk.</summary>
[Collection(ServiceCollection.Name)]
public sealed class BaseModelTests(ServiceEnvironment environment) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runner-base-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Serve_BaseModelFolderInTheBaseModelsContainer_IsDownloadedAndTrainedFrom()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        var folder = TrainSmallPackage();
        await scenario.BaseModels.CreateIfNotExistsAsync();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            await scenario.BaseModels.GetBlobClient($"house-bert/{Path.GetFileName(file)}").UploadAsync(file);
        }

        await using var host = new RunningHost(scenario.BuildHost());
        await scenario.SendAsync(scenario.Job(baseModel: "house-bert"));
        var finished = await scenario.NextEventAsync(TimeSpan.FromMinutes(2));

        Assert.True(finished.Outcome == TrainingOutcome.Succeeded, finished.Error);
        var package = await scenario.DownloadPackageAsync();
        using var training = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package, "training.json")));
        Assert.Equal("house-bert", training.RootElement.GetProperty("baseModel").GetString());
        // The base's own dimensions carried over: it really was the downloaded folder that was fine-tuned.
        Assert.Equal(ReadConfig(folder), ReadConfig(package));
        await ServeTests.WaitUntilSettledAsync(scenario);
        Assert.Null(await scenario.PeekAsync());
    }

    [Fact]
    public async Task Serve_BaseModelNamedAsALocalPath_IsRefusedAndDeadLettered()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        var folder = TrainSmallPackage();
        await using var host = new RunningHost(scenario.BuildHost());

        await scenario.SendAsync(scenario.Job(baseModel: folder));
        var finished = await scenario.NextEventAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(TrainingOutcome.Failed, finished.Outcome);
        Assert.Equal("BaseModelUnavailable", finished.ErrorCode);
        Assert.Contains("neither built in", finished.Error, StringComparison.Ordinal);
        Assert.Equal("BaseModelUnavailable", (await scenario.DeadLetterAsync())!.DeadLetterReason);
        Assert.Null(await scenario.ResultAsync());
    }

    private static (int Hidden, int Layers, int Heads) ReadConfig(string folder)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        var root = config.RootElement;
        return (root.GetProperty("hidden_size").GetInt32(), root.GetProperty("num_hidden_layers").GetInt32(), root.GetProperty("num_attention_heads").GetInt32());
    }

    /// <summary>A model package (a Hugging Face BERT folder) from the tiny random BERT, trained for a few steps.</summary>
    private string TrainSmallPackage()
    {
        var csv = Path.Combine(_directory, "base.csv");
        File.WriteAllLines(csv, ["text,label", .. Enumerable.Range(0, 40).Select(i => $"sample text {i},{(i % 2 == 0 ? "a" : "b")}")]);
        var output = Path.Combine(_directory, "package");
        FineTuner.Run(new FineTuneRequest(csv, output)
        {
            BaseModel = BaseModelResolver.TinyRandom,
            Training = new TrainingOptions { Epochs = 1, MaxSteps = 2, BatchSize = 16, MaxLength = 16, Device = "cpu" },
            Dataset = new DatasetOptions { MinRows = 10 },
        });
        return output;
    }
}

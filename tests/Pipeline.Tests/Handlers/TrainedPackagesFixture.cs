using System.Text.Json;
using Azure.Storage.Blobs;
using Platform.Modeling.BaseModels;
using Platform.Modeling.Evaluation;
using Platform.Modeling.FineTuning;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Training;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary>
/// Two real model packages trained once with the tiny random BERT (a few steps, seconds): <see cref="Sentiment"/>
/// predicts positive/negative, <see cref="Spam"/> predicts ham/spam, so a test can tell which one answered;
/// <see cref="Emotions"/>, a multi-label package, is trained when a test first asks for it.
/// </summary>
public sealed class TrainedPackagesFixture : IDisposable
{
    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"];

    private readonly string _directory = Directory.CreateTempSubdirectory("pipeline-handler-packages-").FullName;
    private readonly Lazy<string> _emotions;

    public TrainedPackagesFixture()
    {
        Sentiment = Train("sentiment", "label", Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? "positive" : "negative"));
        Spam = Train("spam", "label", Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? "ham" : "spam"));
        _emotions = new(() => Train("emotions", "labels", Enumerable.Range(0, 60).Select(i => (i % 3) switch { 0 => "joy", 1 => "fear;joy", _ => "anger" })));
    }

    public string Sentiment { get; }

    public string Spam { get; }

    /// <summary>A multi-label package (labels anger, fear, joy; a row may have two).</summary>
    public string Emotions => _emotions.Value;

    /// <summary>Uploads a package folder to <c>{model}/{version}/</c> in <paramref name="models"/>.</summary>
    public static async Task UploadAsync(BlobContainerClient models, string packageFolder, string model, string version)
    {
        await models.CreateIfNotExistsAsync();
        foreach (var file in Directory.EnumerateFiles(packageFolder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(packageFolder, file).Replace(Path.DirectorySeparatorChar, '/');
            await models.GetBlobClient($"{model}/{version}/{relative}").UploadAsync(file, overwrite: true);
        }
    }

    /// <summary>
    /// A version as the publish step leaves it: the package, its <c>evaluation.json</c> (job <c>{model}-job-{version}</c>,
    /// macro-F1 <paramref name="macroF1"/>) and its <c>card.html</c>.
    /// </summary>
    public static async Task PublishAsync(BlobContainerClient models, string packageFolder, string model, string version, double macroF1)
    {
        await UploadAsync(models, packageFolder, model, version);
        var jobId = $"{model}-job-{version}";
        var summary = new MetricsSummary(MetricsSummary.SingleLabel, 40, macroF1, macroF1, macroF1, Accuracy: macroF1);
        var evaluation = MetricsJson.Serialize(new EvaluationDocument(jobId, "test", 40, 40, 0, summary, new { }));
        await models.GetBlobClient($"{model}/{version}/{PipelineBlobs.EvaluationFile}").UploadAsync(BinaryData.FromString(evaluation), overwrite: true);
        var input = new PublishModelInput(jobId, model, version, BaseModelResolver.TinyRandom, summary, new PromotionGate(), PromotedAt);
        var card = ModelCardHtml.Render(input, training: null, JsonDocument.Parse(evaluation).RootElement.Clone());
        await models.GetBlobClient($"{model}/{version}/{PipelineBlobs.ModelCardHtmlFile}").UploadAsync(BinaryData.FromString(card), overwrite: true);
    }

    public static readonly DateTimeOffset PromotedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Points <c>{model}/current.json</c> at <paramref name="version"/>, as the publish step writes it (without inline metrics).</summary>
    public static Task SetCurrentAsync(BlobContainerClient models, string model, string version) =>
        models.GetBlobClient(ModelBlobs.Current(model)).UploadAsync(
            BinaryData.FromBytes(new CurrentModelDocument(model, version, $"{model}-0123456789ab", 0.9, PromotedAt).ToUtf8Json()), overwrite: true);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Trains a package on 60 rows of <see cref="Words"/> whose <paramref name="labelColumn"/> cells are <paramref name="labels"/>.</summary>
    private string Train(string name, string labelColumn, IEnumerable<string> labels)
    {
        var csv = Path.Combine(_directory, $"{name}.csv");
        var rows = labels.Select((label, i) => $"{Words[i % 10]} {Words[(i / 10) % 10]} sample {i},{label}");
        File.WriteAllLines(csv, [$"text,{labelColumn}", .. rows]);
        var output = Path.Combine(_directory, name);
        FineTuner.Run(new FineTuneRequest(csv, output)
        {
            BaseModel = BaseModelResolver.TinyRandom,
            Training = new TrainingOptions { Epochs = 1, MaxSteps = 3, BatchSize = 16, MaxLength = 32, Device = "cpu" },
            Dataset = new DatasetOptions { MinRows = 10 },
        });
        return output;
    }
}

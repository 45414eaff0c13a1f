using System.Text.Json.Nodes;
using Platform.Modeling.BaseModels;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Onnx;
using Platform.Modeling.Packaging;
using Platform.Modeling.Serving;
using Platform.Modeling.Tests.Tokenization;
using Platform.Shared.Training;
using TorchSharp;

namespace Platform.Modeling.Tests.FineTuning;

/// <summary>An extended vocabulary reaches every part of the package: vocab.txt, config, weights, ONNX graphs and the predictor.</summary>
[Collection(TorchCollection.Name)]
public sealed class VocabularyTrainingTests : IDisposable
{
    private const string WordEmbeddings = "bert.embeddings.word_embeddings.weight";

    private readonly string _directory = Directory.CreateTempSubdirectory("vocabulary-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Create_WithAddedTokens_AppendsRowsNearTheMeanAndKeepsThePretrainedOnes()
    {
        var baseModel = BaseModelResolver.Resolve(BaseModelResolver.MiniLmL6);
        var (plain, _) = ClassifierFactory.Create(baseModel, 2, seed: 1);
        var (extended, report) = ClassifierFactory.Create(baseModel, 2, seed: 1, addedTokens: 5);
        using var _ = plain;
        using var __ = extended;

        var before = plain.state_dict()[WordEmbeddings];
        var after = extended.state_dict()[WordEmbeddings];
        Assert.Equal([30527L, 384L], after.shape);
        Assert.Equal(30527, extended.Config.VocabSize);
        Assert.Equal(["classifier.weight", "classifier.bias"], report.NewlyInitialized);
        Assert.True(after[..30522].allclose(before, rtol: 0, atol: 0));
        using var mean = before.mean([0]);
        var offset = (after[30522..] - mean).abs().max().item<float>();
        Assert.InRange(offset, 1e-4f, 0.2f);
    }

    [Fact]
    public void Run_ChineseReviewsOnTheEnglishEncoder_CarriesTheAddedTokensThroughThePackage()
    {
        var output = Path.Combine(_directory, "model");
        var csv = Path.Combine(TestData.RepositoryRoot, "tests", "Shared.Tests", "data", "chnsenticorp-sample.csv");

        var result = FineTuner.Run(new FineTuneRequest(csv, output)
        {
            Training = new TrainingOptions { Epochs = 1, MaxSteps = 2, BatchSize = 16, MaxLength = 64, Device = "cpu" },
        });

        var unknown = result.Validation.UnknownTokens!;
        Assert.True(unknown.AddedTokens > 500, $"{unknown.AddedTokens} tokens added");
        Assert.True(unknown.UnknownRate > 0.5 && unknown.UnknownRateAfter < 0.05, $"{unknown.UnknownRate} → {unknown.UnknownRateAfter}");
        var baseVocabulary = File.ReadAllLines(BaseModelResolver.Resolve(BaseModelResolver.MiniLmL6).VocabPath);
        var vocabulary = File.ReadAllLines(Path.Combine(output, ModelPackage.VocabFile));
        Assert.Equal(baseVocabulary.Length + unknown.AddedTokens, vocabulary.Length);
        Assert.Equal(baseVocabulary, vocabulary.Take(baseVocabulary.Length));
        Assert.Contains("是", vocabulary.Skip(baseVocabulary.Length));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, ModelPackage.ConfigFile)))!;
        Assert.Equal(vocabulary.Length, config["vocab_size"]!.GetValue<int>());
        Assert.Equal(vocabulary.Length, SafetensorsReader.Read(Path.Combine(output, ModelPackage.WeightsFile))[WordEmbeddings].Rows);
        var choices = JsonNode.Parse(File.ReadAllText(Path.Combine(output, ModelPackage.TrainingFile)))!["choices"]!.AsArray();
        Assert.Contains(choices, c => c!["setting"]!.GetValue<string>() == "vocabulary" && c["value"]!.GetValue<string>() == $"base + {unknown.AddedTokens} tokens");

        // Both graphs take the new ids (是 and 好 are among them).
        foreach (var precision in new[] { InferencePrecision.Fp32, InferencePrecision.Int8 })
        {
            using var predictor = Predictor.Load(output, new PredictorOptions { Precision = precision });
            var prediction = Assert.Single(predictor.Predict(["房间是很好的"]));
            Assert.Contains(prediction.Label, predictor.Labels);
        }
    }
}

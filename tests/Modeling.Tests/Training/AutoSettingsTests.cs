using Platform.Modeling.Serving;
using System.Text.Json.Nodes;
using Platform.Modeling.BaseModels;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Packaging;
using Platform.Modeling.Tests.FineTuning;
using Platform.Modeling.Training;
using Platform.Shared.Training;

namespace Platform.Modeling.Tests.Training;

/// <summary>Epochs and learning rate left unset are chosen from the data and the base model, and the package says so.</summary>
[Collection(TorchCollection.Name)]
public sealed class AutoSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("auto-settings-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(100, 5)]
    [InlineData(4_000, 5)]
    [InlineData(16_000, 4)]
    [InlineData(16_001, 4)]
    [InlineData(21_334, 3)]
    [InlineData(33_000, 2)]
    [InlineData(64_000, 1)]
    [InlineData(1_000_000, 1)]
    public void Epochs_FromTheSplitSize_ShowAboutTheTargetNumberOfExamples(int trainExamples, int epochs) =>
        Assert.Equal(epochs, AutoSettings.Epochs(trainExamples));

    [Theory]
    [InlineData(128, 1e-4)]
    [InlineData(384, 1e-4)]
    [InlineData(768, 5e-5)]
    [InlineData(1024, 2e-5)]
    public void LearningRate_FromTheEncoderWidth(int hiddenSize, double learningRate) =>
        Assert.Equal(learningRate, AutoSettings.LearningRate(hiddenSize));

    [Fact]
    public void Settle_Unset_ChoosesAndSaysWhy()
    {
        var (settled, choices) = AutoSettings.Settle(new TrainingOptions(), trainExamples: 4_000, hiddenSize: 384);

        Assert.Equal((5, 1e-4), (settled.Epochs, settled.LearningRate));
        var byName = choices.ToDictionary(c => c.Setting);
        Assert.Equal("5", byName[ChosenSetting.Epochs].Value);
        Assert.StartsWith("automatic: 4,000 training examples", byName[ChosenSetting.Epochs].Reason, StringComparison.Ordinal);
        Assert.Equal("0.0001", byName[ChosenSetting.LearningRate].Value);
        Assert.Contains("hidden size 384", byName[ChosenSetting.LearningRate].Reason, StringComparison.Ordinal);
        // 4,000 / 32 = 125 steps an epoch, 625 in all, 10 % of them warming up (62.5, rounded as the schedule rounds).
        Assert.Equal("62 steps", byName[ChosenSetting.Warmup].Value);
        Assert.Equal("10 % of 625 optimizer steps, then linear decay to 0", byName[ChosenSetting.Warmup].Reason);
        // auto precision settles on what this machine computes natively, and says which.
        Assert.NotEqual(TrainingPrecision.Auto, settled.Precision);
        Assert.Equal(PrecisionPolicy.Name(settled.Precision), byName[ChosenSetting.Precision].Value);
        Assert.Equal(PrecisionPolicy.Settle(TrainingPrecision.Auto, TorchSharp.DeviceType.CPU, CpuFeatures.Bf16Flag).Reason, byName[ChosenSetting.Precision].Reason);
    }

    [Fact]
    public void Settle_SetByTheJob_KeepsTheValues()
    {
        var options = new TrainingOptions { Epochs = 2, LearningRate = 3e-5, MaxSteps = 10, Precision = TrainingPrecision.Fp32 };

        var (settled, choices) = AutoSettings.Settle(options, trainExamples: 4_000, hiddenSize: 384);

        Assert.Equal(options, settled);
        Assert.All(choices.Where(c => c.Setting != ChosenSetting.Warmup), c => Assert.Equal("set by the job", c.Reason));
        Assert.Equal("1 steps", choices.Single(c => c.Setting == ChosenSetting.Warmup).Value);
    }

    [Fact]
    public void Trainer_UnsettledOptions_AreRefused() =>
        Assert.Throws<ArgumentException>(() => new Trainer(new TrainingOptions(), padId: 0));

    [Fact]
    public void Run_DefaultOptions_RecordTheChosenEpochsAndLearningRate()
    {
        var output = Path.Combine(_directory, "model");
        var progress = new List<FineTuneProgress>();

        FineTuner.Run(
            new FineTuneRequest(TestData.Sst2Sample, output) { BaseModel = BaseModelResolver.TinyRandom, Training = new TrainingOptions { MaxSteps = 2, BatchSize = 16, MaxLength = 32, Device = "cpu" } },
            new Recorder(progress));

        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(output, ModelPackage.TrainingFile)))!;
        var trainExamples = record["trainExamples"]!.GetValue<int>();
        var expectedEpochs = AutoSettings.Epochs(trainExamples);
        Assert.Equal(expectedEpochs, record["hyperparameters"]!["epochs"]!.GetValue<int>());
        Assert.Equal(1e-4, record["hyperparameters"]!["learningRate"]!.GetValue<double>());
        var choices = record["choices"]!.AsArray().ToDictionary(c => c!["setting"]!.GetValue<string>(), c => c!["value"]!.GetValue<string>());
        Assert.Equal(expectedEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture), choices["epochs"]);
        Assert.Equal("0.0001", choices["learningRate"]);
        // The package records the precision it trained in (settled, never auto), as a hyperparameter and a choice.
        var expectedPrecision = CpuFeatures.SupportsBf16 ? "bf16" : "fp32";
        Assert.Equal(expectedPrecision, record["hyperparameters"]!["precision"]!.GetValue<string>());
        Assert.Equal(expectedPrecision, choices["precision"]);
        Assert.Contains(progress, p => p.Training is { } t && t.Epochs == expectedEpochs);
    }

    private sealed class Recorder(List<FineTuneProgress> reports) : IProgress<FineTuneProgress>
    {
        public void Report(FineTuneProgress value) => reports.Add(value);
    }
}

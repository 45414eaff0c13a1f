using System.Globalization;
using System.Text.Json;
using Platform.Shared.Training;

namespace Platform.Shared.Tests.Training;

public sealed class TrainingOptionRulesTests
{
    [Fact]
    public void Check_Defaults_FindsNothing() => Assert.Empty(TrainingOptionRules.Check(new TrainingOptions()));

    [Fact]
    public void Check_NegativeMaxSteps_NamesTheOptionAsJsonDoes()
    {
        var problem = Assert.Single(TrainingOptionRules.Check(new TrainingOptions { MaxSteps = -5 }));

        Assert.Equal(new OptionProblem("maxSteps", "maxSteps must be 0 (no limit) or more (got -5)."), problem);
    }

    [Fact]
    public void Check_EveryRuleBroken_NamesEachOptionInPropertyOrder()
    {
        var options = new TrainingOptions
        {
            Epochs = 0, LearningRate = 0, BatchSize = 0, MaxLength = 4, WarmupRatio = 1, WeightDecay = -1, MaxGradNorm = 0,
            GradientAccumulationSteps = 0, ClassWeighting = (ClassWeighting)9, Pooling = (Pooling)9, Vocabulary = (VocabularyMode)9, EvaluateEverySteps = -1, EarlyStoppingPatience = -1,
            CheckpointEverySteps = -1, MaxSteps = -1, EmbeddingUpdate = (EmbeddingUpdate)9, Precision = (TrainingPrecision)9, Device = "tpu", LengthGroupingFactor = 0,
        };

        var problems = TrainingOptionRules.Check(options);

        // Seed takes any value; every other option has a rule, and each problem's message starts with its option.
        var names = typeof(TrainingOptions).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Where(n => n != "seed");
        Assert.Equal(names, problems.Select(p => p.Option));
        Assert.All(problems, p => Assert.StartsWith(p.Option + " must be ", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_FrozenEmbeddingWithAVocabularyThatMayGrow_IsRefusedNamingEmbeddingUpdate()
    {
        var problem = Assert.Single(TrainingOptionRules.Check(new TrainingOptions { EmbeddingUpdate = EmbeddingUpdate.Frozen }));

        Assert.Equal("embeddingUpdate", problem.Option);
        Assert.Contains("needs vocabulary base", problem.Message, StringComparison.Ordinal);
        Assert.Empty(TrainingOptionRules.Check(new TrainingOptions { EmbeddingUpdate = EmbeddingUpdate.Frozen, Vocabulary = VocabularyMode.Base }));
    }

    [Fact]
    public void Check_Fp16OnTheCpu_IsRefusedNamingPrecision()
    {
        var problem = Assert.Single(TrainingOptionRules.Check(new TrainingOptions { Precision = TrainingPrecision.Fp16, Device = "cpu" }));

        Assert.Equal("precision", problem.Option);
        Assert.Contains("CUDA only", problem.Message, StringComparison.Ordinal);
        Assert.Empty(TrainingOptionRules.Check(new TrainingOptions { Precision = TrainingPrecision.Fp16, Device = "cuda" }));
        Assert.Empty(TrainingOptionRules.Check(new TrainingOptions { Precision = TrainingPrecision.Bf16, Device = "cpu" }));
    }

    [Theory]
    [InlineData(101, "epochs must be at most 100 (got 101).")]
    [InlineData(0, "epochs must be at least 1 (got 0).")]
    public void Check_EpochsOutOfRange_SaysTheLimit(int epochs, string message) =>
        Assert.Equal(message, Assert.Single(TrainingOptionRules.Check(new TrainingOptions { Epochs = epochs })).Message);

    [Fact]
    public void Check_Defaults_LeaveEpochsAndLearningRateToThePlatform()
    {
        var defaults = new TrainingOptions();

        Assert.Equal((null, null), (defaults.Epochs, defaults.LearningRate));
        Assert.Empty(TrainingOptionRules.Check(defaults));
    }

    [Fact]
    public void Check_NotANumberLearningRate_IsRejected() =>
        Assert.Equal("learningRate", Assert.Single(TrainingOptionRules.Check(new TrainingOptions { LearningRate = double.NaN })).Option);

    [Fact]
    public void Check_DecimalValues_AreWrittenTheSameInEveryCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal("learningRate must be in (0, 1] (got 1.5).", Assert.Single(TrainingOptionRules.Check(new TrainingOptions { LearningRate = 1.5 })).Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}

using Platform.Shared.Training;
using Platform.Modeling.BaseModels;
using Platform.Modeling.Bert;
using Platform.Modeling.Training;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("trainer-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Forward_TinyModel_ReturnsOneLogitPerLabel()
    {
        using var model = CreateTinyModel(labels: 3);
        model.eval();
        using var ids = tensor(new long[] { 101, 2204, 102, 0, 101, 2919, 3671, 102 }, [2, 4]);
        using var mask = tensor(new long[] { 1, 1, 1, 0, 1, 1, 1, 1 }, [2, 4]);
        using var logits = model.forward(ids, mask);
        Assert.Equal([2L, 3L], logits.shape);
    }

    [Theory]
    [InlineData(TrainingPrecision.Fp32)]
    [InlineData(TrainingPrecision.Bf16)]
    public void Train_TinyModelOnLearnableTask_LossFallsAndValidationIsAccurate(TrainingPrecision precision)
    {
        using var model = CreateTinyModel(labels: 3);
        var options = new TrainingOptions { Epochs = 8, BatchSize = 16, LearningRate = 5e-3, WarmupRatio = 0.1, EarlyStoppingPatience = 0, Device = "cpu", Precision = precision };
        var result = new Trainer(options, padId: 0).Train(model, SyntheticData.Create(300, seed: 1), SyntheticData.Create(90, seed: 2));

        Assert.Equal(precision, result.Precision);
        Assert.Equal(0, result.SkippedSteps);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));

        Assert.Equal(8, result.History.Count);
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss * 0.5, $"loss {result.History[0].TrainLoss} -> {result.History[^1].TrainLoss}");
        // 19 steps an epoch, 152 in all: a point of the loss curve at every one of them.
        Assert.Equal(Enumerable.Range(1, result.Steps), result.Losses!.Select(p => p.Step));
        Assert.True(result.Losses!.TakeLast(19).Average(p => p.Value) < result.Losses!.Take(19).Average(p => p.Value) * 0.5);
        Assert.True(result.BestMacroF1 > 0.9, $"best macro-F1 {result.BestMacroF1}");
    }

    [Theory]
    [InlineData(3, TrainingPrecision.Fp32)] // before the first evaluation: no best weights yet
    [InlineData(7, TrainingPrecision.Fp32)] // after an evaluation, mid-epoch
    [InlineData(7, TrainingPrecision.Bf16)]
    [InlineData(7, TrainingPrecision.Fp32, EmbeddingUpdate.Dense)]
    public void Train_InterruptedThenResumed_EndsWithTheSameWeightsAsAnUninterruptedRun(int interruptAtStep, TrainingPrecision precision, EmbeddingUpdate embedding = EmbeddingUpdate.Lazy)
    {
        var train = SyntheticData.Create(120, seed: 3);
        var validation = SyntheticData.Create(30, seed: 4);
        var options = new TrainingOptions
        {
            Epochs = 3, BatchSize = 8, LearningRate = 1e-3, GradientAccumulationSteps = 2, EvaluateEverySteps = 5, EarlyStoppingPatience = 0, Device = "cpu", Precision = precision,
            EmbeddingUpdate = embedding,
        };

        using var reference = CreateTinyModel(labels: 3);
        var expected = new Trainer(options, padId: 0).Train(reference, train, validation);

        var checkpoint = Path.Combine(_directory, "checkpoint");
        using (var interrupted = CreateTinyModel(labels: 3))
        using (var cancellation = new CancellationTokenSource())
        {
            var progress = new SynchronousProgress(p =>
            {
                if (p.Step == interruptAtStep)
                {
                    cancellation.Cancel();
                }
            });
            Assert.ThrowsAny<OperationCanceledException>(() => new Trainer(options, padId: 0, checkpoint).Train(interrupted, train, validation, progress, cancellation.Token));
        }

        using var resumed = CreateTinyModel(labels: 3, seed: 999);
        var actual = new Trainer(options, padId: 0, checkpoint).Train(resumed, train, validation);

        Assert.True(actual.Resumed);
        Assert.Equal(expected.Steps, actual.Steps);
        // Both runs are recorded, and the total covers them both.
        Assert.Equal([(0, interruptAtStep), (interruptAtStep, expected.Steps)], actual.Runs!.Select(r => (r.StartStep, r.EndStep)));
        Assert.All(actual.Runs!, r => Assert.True(r.Seconds > 0));
        Assert.True(actual.Runs![0].StartedAt <= actual.Runs[1].StartedAt);
        Assert.Equal(actual.Runs.Sum(r => r.Seconds), actual.TotalSeconds, 9);
        Assert.True(actual.TotalSeconds > actual.Elapsed.TotalSeconds);
        Assert.Equal([(0, expected.Steps)], expected.Runs!.Select(r => (r.StartStep, r.EndStep)));
        Assert.Equal(expected.History.Select(h => h.Step), actual.History.Select(h => h.Step));
        // The loss curve carries through the checkpoint: the same steps, the same means.
        Assert.Equal(expected.Losses!.Select(p => p.Step), actual.Losses!.Select(p => p.Step));
        Assert.All(expected.Losses!.Zip(actual.Losses!), pair => Assert.Equal(pair.First.Value, pair.Second.Value, 4));
        Assert.Equal(expected.BestStep, actual.BestStep);
        var referenceWeights = reference.state_dict();
        foreach (var (name, parameter) in resumed.state_dict())
        {
            var difference = (parameter - referenceWeights[name]).abs().max().item<float>();
            Assert.True(difference < 1e-5, $"{name} differs by {difference}");
        }
    }

    [Theory]
    [InlineData(EmbeddingUpdate.Lazy)]
    [InlineData(EmbeddingUpdate.Frozen)]
    public void Train_EmbeddingUpdate_TouchesOnlyTheRowsTheBatchesUsed_OrNone(EmbeddingUpdate embedding)
    {
        using var model = CreateTinyModel(labels: 3);
        var train = SyntheticData.Create(64, seed: 14);
        var options = new TrainingOptions
        {
            Epochs = 1, BatchSize = 16, LearningRate = 1e-3, EarlyStoppingPatience = 0, Device = "cpu", EmbeddingUpdate = embedding, Vocabulary = VocabularyMode.Base,
        };
        using var before = WordEmbedding(model).detach().clone();

        new Trainer(options, padId: 0).Train(model, train, SyntheticData.Create(16, seed: 15));

        var used = train.Examples.SelectMany(e => e.InputIds).ToHashSet();
        var after = WordEmbedding(model);
        var changed = Enumerable.Range(0, (int)before.shape[0]).Where(row => !after[row].allclose(before[row], rtol: 0, atol: 0)).ToList();
        if (embedding == EmbeddingUpdate.Frozen)
        {
            Assert.Empty(changed);
        }
        else
        {
            Assert.NotEmpty(changed);
            Assert.All(changed, row => Assert.Contains(row, used));
        }
    }

    private static Tensor WordEmbedding(BertForSequenceClassification model) =>
        model.named_parameters().Single(p => p.name.EndsWith("embeddings.word_embeddings.weight", StringComparison.Ordinal)).parameter;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(2_060, 11)]
    public void LossInterval_KeepsTheCurveAtMostTwoHundredPoints(int totalSteps, int interval)
    {
        Assert.Equal(interval, Trainer.LossInterval(totalSteps));
        Assert.True((totalSteps + interval - 1) / interval <= Trainer.MaxLossPoints);
    }

    [Fact]
    public void Train_NoImprovementForPatienceEvaluations_StopsEarlyWithTheBestWeights()
    {
        using var model = CreateTinyModel(labels: 3);
        var options = new TrainingOptions { Epochs = 10, BatchSize = 32, LearningRate = 1e-12, EarlyStoppingPatience = 2, Device = "cpu" };

        var result = new Trainer(options, padId: 0).Train(model, SyntheticData.Create(64, seed: 8), SyntheticData.Create(30, seed: 9));

        Assert.True(result.StoppedEarly);
        Assert.Equal(3, result.History.Count);   // the first evaluation is the best; two more without improvement
        Assert.Equal(result.History[0].Step, result.BestStep);
    }

    [Fact]
    public void Train_MultiLabel_TunesAThresholdPerLabel()
    {
        using var model = CreateTinyModel(labels: 3);
        var data = SyntheticData.Create(120, seed: 10);
        static EncodedDataset MultiHot(EncodedDataset d) => d with
        {
            IsMultiLabel = true,
            Examples = [.. d.Examples.Select((e, i) => e with { Labels = i % 4 == 0 ? [e.Labels[0], (e.Labels[0] + 1) % 3] : e.Labels })],
        };
        var options = new TrainingOptions { Epochs = 2, BatchSize = 16, LearningRate = 3e-3, EarlyStoppingPatience = 0, Device = "cpu" };

        var result = new Trainer(options, padId: 0).Train(model, MultiHot(data), MultiHot(SyntheticData.Create(40, seed: 11)));

        Assert.NotNull(result.Thresholds);
        Assert.Equal(3, result.Thresholds!.Count);
        Assert.All(result.Thresholds, t => Assert.InRange(t, 0f, 1f));
    }

    [Fact]
    public void Train_CheckpointFromADifferentRun_RefusesToResume()
    {
        var checkpoint = Path.Combine(_directory, "checkpoint");
        var train = SyntheticData.Create(48, seed: 12);
        var validation = SyntheticData.Create(12, seed: 13);
        var options = new TrainingOptions { Epochs = 1, LearningRate = 5e-5, BatchSize = 16, MaxSteps = 2, Device = "cpu" };
        using (var first = CreateTinyModel(labels: 3))
        {
            new Trainer(options, padId: 0, checkpoint).Train(first, train, validation);
        }

        using var second = CreateTinyModel(labels: 3);
        var error = Assert.Throws<ArgumentException>(() => new Trainer(options with { LearningRate = 1e-3 }, padId: 0, checkpoint).Train(second, train, validation));
        Assert.Contains("other data or hyperparameters", error.Message, StringComparison.Ordinal);
    }

    internal static BertForSequenceClassification CreateTinyModel(int labels, long seed = 7) =>
        ClassifierFactory.Create(BaseModelResolver.Resolve(BaseModelResolver.TinyRandom), labels, seed).Model;

    private sealed class SynchronousProgress(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport(value);
    }
}

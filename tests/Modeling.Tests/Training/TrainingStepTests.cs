using Platform.Modeling.Training;
using Platform.Shared.Training;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainingStepTests
{
    [Theory]
    [InlineData(TrainingPrecision.Fp32)]
    [InlineData(TrainingPrecision.Bf16)]
    public void Steps_RecordTheirForwardBackwardAndOptimizerTime_DropTheGradients_AndChangeTheWeights(TrainingPrecision precision)
    {
        using var model = TrainerTests.CreateTinyModel(labels: 3);
        model.train();
        var options = new TrainingOptions { LearningRate = 1e-3, Precision = precision, Device = "cpu" };
        using var step = new TrainingStep(model, options, 1e-3, CPU, padId: 0);
        var data = SyntheticData.Create(16, seed: 3);
        using var before = model.named_parameters().Single(p => p.name == "classifier.weight").parameter.detach().clone();

        Assert.Equal(default, step.Times);
        var loss = step.Forward([.. data.Examples.Take(8)], data.Labels.Count, multiLabel: false, lossWeights: null);
        var afterForward = step.Times;
        Assert.True(step.Apply(1e-3));
        var afterOne = step.Times;
        // The step drops the gradients (the next backward hands fresh ones over rather than adding into zeros).
        Assert.All(model.parameters(), p => Assert.Null(p.grad));
        step.Forward([.. data.Examples.Skip(8)], data.Labels.Count, multiLabel: false, lossWeights: null);
        step.Apply(1e-3);

        Assert.True(double.IsFinite(loss) && loss > 0);
        Assert.True(afterForward.Forward > TimeSpan.Zero && afterForward.Backward > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, afterForward.Optimizer);
        Assert.True(afterOne.Optimizer > TimeSpan.Zero);
        var second = step.Times - afterOne;
        Assert.True(second.Forward > TimeSpan.Zero && second.Backward > TimeSpan.Zero && second.Optimizer > TimeSpan.Zero);
        Assert.Equal(step.Times.Forward + step.Times.Backward + step.Times.Optimizer, step.Times.Total);
        var after = model.named_parameters().Single(p => p.name == "classifier.weight").parameter;
        Assert.False(after.allclose(before));
    }

    [Theory]
    [InlineData(EmbeddingUpdate.Lazy, 1)]
    [InlineData(EmbeddingUpdate.Lazy, 2)]
    [InlineData(EmbeddingUpdate.Dense, 1)]
    [InlineData(EmbeddingUpdate.Dense, 2)]
    public void FusedStep_WithClippingFoldedIn_MatchesLibtorchClippingAndTorchSharpsAdamW(EmbeddingUpdate embedding, int accumulation)
    {
        // A max norm this small clips every step, so the folded-in scale is exercised, not just the update.
        var options = new TrainingOptions { LearningRate = 1e-3, Precision = TrainingPrecision.Fp32, EmbeddingUpdate = embedding, MaxGradNorm = 0.05, Device = "cpu" };
        using var fusedModel = TrainerTests.CreateTinyModel(labels: 3);
        using var referenceModel = TrainerTests.CreateTinyModel(labels: 3);
        // Dropout off in both, so that the only difference is the optimizer step.
        fusedModel.eval();
        referenceModel.eval();
        using var fused = new TrainingStep(fusedModel, options, 1e-3, CPU, padId: 0);
        using var reference = new TrainingStep(referenceModel, options, 1e-3, CPU, padId: 0, fuse: false);
        var data = SyntheticData.Create(48, seed: 4);

        for (var s = 0; s < 3; s++)
        {
            EncodedExample[] batch = [.. data.Examples.Skip(16 * s).Take(16)];
            foreach (var step in new[] { fused, reference })
            {
                // Accumulated batches add up the embedding's sparse gradients (rows repeated across them) before the step.
                foreach (var part in batch.Chunk(16 / accumulation))
                {
                    step.Forward(part, data.Labels.Count, multiLabel: false, lossWeights: null, accumulation);
                }

                Assert.True(step.Apply(1e-3 / (s + 1)));
            }
        }

        var expected = referenceModel.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in fusedModel.named_parameters())
        {
            Assert.True(parameter.allclose(expected[name], rtol: 1e-4, atol: 1e-6), $"{name}: {(parameter - expected[name]).abs().max().item<float>()}");
        }

        using var initial = TrainerTests.CreateTinyModel(labels: 3);
        var start = initial.named_parameters().Single(p => p.name == "classifier.weight").parameter;
        Assert.False(expected["classifier.weight"].allclose(start, rtol: 0, atol: 1e-6));
    }
}

using Platform.Modeling.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class LazyRowAdamWTests
{
    [Fact]
    public void Step_EveryRowUsedEveryStep_MatchesAdamW()
    {
        random.manual_seed(3);
        using var start = randn(6, 4);
        using var lazyWeight = new Parameter(start.clone());
        using var denseWeight = new Parameter(start.clone());
        using var lazy = new LazyRowAdamW(lazyWeight, weightDecay: 0.01);
        using var adamW = optim.AdamW([denseWeight], lr: 1e-2, weight_decay: 0.01);
        using var allRows = arange(6, dtype: ScalarType.Int64);

        for (var step = 0; step < 5; step++)
        {
            using var target = randn(6, 4);
            Loss(lazyWeight, target).backward();
            lazy.Step(allRows, 1e-2);
            Loss(denseWeight, target).backward();
            adamW.step();
            adamW.zero_grad();
        }

        var difference = (lazyWeight - denseWeight).abs().max().item<float>();
        Assert.True(difference < 1e-6, $"differs by {difference}");
        Assert.Equal(5, lazy.Steps);
    }

    [Fact]
    public void Step_SomeRows_ChangesOnlyThoseAndClearsTheirGradient()
    {
        random.manual_seed(4);
        using var start = randn(6, 4);
        using var weight = new Parameter(start.clone());
        using var lazy = new LazyRowAdamW(weight, weightDecay: 0.01);
        using var rows = tensor(new long[] { 1, 4 });
        using var target = randn(6, 4);
        using (var lookups = weight.index_select(0, rows))
        {
            (lookups - target.index_select(0, rows)).pow(2).sum().backward();
        }

        lazy.Step(rows, 1e-2);

        for (var row = 0; row < 6; row++)
        {
            var changed = !weight[row].allclose(start[row], rtol: 0, atol: 0);
            Assert.Equal(row is 1 or 4, changed);
        }

        Assert.Equal(0f, weight.grad!.abs().sum().item<float>());
    }

    [Fact]
    public void SaveAndLoad_RestoreTheMoments_SoTheNextStepIsTheSame()
    {
        var folder = Directory.CreateTempSubdirectory("lazy-adamw-").FullName;
        try
        {
            random.manual_seed(5);
            using var start = randn(5, 3);
            using var target = randn(5, 3);
            using var rows = tensor(new long[] { 0, 2, 3 });
            using var first = new Parameter(start.clone());
            using var second = new Parameter(start.clone());
            using var original = new LazyRowAdamW(first, weightDecay: 0.01);
            Loss(first, target).backward();
            original.Step(rows, 1e-2);
            original.Save(folder);
            using (no_grad())
            {
                second.copy_(first);
            }

            using var restored = new LazyRowAdamW(second, weightDecay: 0.01);
            restored.Load(folder, original.Steps);
            Loss(first, target).backward();
            original.Step(rows, 1e-2);
            Loss(second, target).backward();
            restored.Step(rows, 1e-2);

            Assert.True(first.allclose(second, rtol: 0, atol: 0));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Tensor Loss(Tensor weight, Tensor target) => (weight - target).pow(2).sum();
}

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
    public void Step_OnASparseEmbeddingGradient_AccumulatedOverBatchesWithRepeatedRows_MatchesTheDenseGradient()
    {
        random.manual_seed(6);
        using var start = randn(8, 4);
        using var sparse = nn.Embedding(8, 4, padding_idx: 0, sparse: true);
        using var dense = nn.Embedding(8, 4, padding_idx: 0);
        using (no_grad())
        {
            sparse.weight!.copy_(start);
            dense.weight!.copy_(start);
        }

        using var sparseLazy = new LazyRowAdamW(sparse.weight!, weightDecay: 0.01);
        using var denseLazy = new LazyRowAdamW(dense.weight!, weightDecay: 0.01);
        // Row 3 repeats within and across the two batches; 0 is padding, looked up but never given a gradient.
        long[][] batches = [[3, 5, 3, 0], [6, 3, 0, 0]];
        using var rows = tensor(batches.SelectMany(b => b).Where(id => id != 0).Distinct().Order().ToArray());
        using var target = randn(4, 4);
        foreach (var ids in batches)
        {
            using var input = tensor(ids);
            ((sparse.forward(input) - target).pow(2).sum() * 0.5).backward();
            ((dense.forward(input) - target).pow(2).sum() * 0.5).backward();
        }

        Assert.True(sparse.weight!.grad!.is_sparse);
        Assert.False(dense.weight!.grad!.is_sparse);
        var norm = sparseLazy.GradientNorm(rows).item<float>();
        Assert.Equal(dense.weight.grad.norm().item<float>(), norm, 5);
        Assert.NotEqual(0f, norm);

        sparseLazy.Step(rows, 1e-2, gradientScale: 0.5);
        denseLazy.Step(rows, 1e-2, gradientScale: 0.5);

        var difference = (sparse.weight - dense.weight).abs().max().item<float>();
        Assert.True(difference < 1e-7, $"differs by {difference}");
        Assert.False(sparse.weight.allclose(start, rtol: 0, atol: 0));
        Assert.True(sparse.weight[0].allclose(start[0], rtol: 0, atol: 0)); // padding keeps its row
        Assert.Null(sparse.weight.grad);
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

using Platform.Shared.Training;
using Platform.Modeling.Training;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Training;

public sealed class TrainingPartsTests
{
    [Fact]
    public void LearningRateSchedule_WarmupThenLinearDecay_HitsPeakAndZero()
    {
        var schedule = new LearningRateSchedule(Peak: 1e-3, WarmupSteps: 4, TotalSteps: 10);

        Assert.Equal(0.25e-3, schedule.At(0), 12);   // step 0 of 4: 1/4 of the peak
        Assert.Equal(1e-3, schedule.At(3), 12);      // warmup ends at the peak
        Assert.Equal(1e-3, schedule.At(4), 12);      // decay starts at the peak: (10 - 4) / 6
        Assert.Equal(0.5e-3, schedule.At(7), 12);    // (10 - 7) / 6
        Assert.Equal(0, schedule.At(10), 12);
    }

    [Fact]
    public void BatchPlanner_SameSeedAndEpoch_SamePlanCoveringEveryExampleOnce()
    {
        var data = SyntheticData.Create(203, seed: 5).Examples;
        var first = BatchPlanner.Plan(data, batchSize: 16, groupingFactor: 4, seed: 1, epoch: 0);
        var again = BatchPlanner.Plan(data, batchSize: 16, groupingFactor: 4, seed: 1, epoch: 0);
        var nextEpoch = BatchPlanner.Plan(data, batchSize: 16, groupingFactor: 4, seed: 1, epoch: 1);

        Assert.Equal(first.Select(b => string.Join(",", b)), again.Select(b => string.Join(",", b)));
        Assert.NotEqual(first.Select(b => string.Join(",", b)), nextEpoch.Select(b => string.Join(",", b)));
        Assert.Equal(Enumerable.Range(0, 203), first.SelectMany(b => b).Order());
        Assert.All(first, b => Assert.InRange(b.Length, 1, 16));
    }

    [Fact]
    public void BatchPlanner_LengthGrouping_PadsFarLessThanRandomBatches()
    {
        var data = SyntheticData.Create(1000, seed: 6).Examples;
        static long Padded(IEnumerable<int[]> batches, IReadOnlyList<EncodedExample> d) => batches.Sum(b => (long)b.Length * b.Max(i => d[i].InputIds.Length));

        var grouped = Padded(BatchPlanner.Plan(data, 32, groupingFactor: 50, seed: 1, epoch: 0), data);
        var ungrouped = Padded(BatchPlanner.Plan(data, 32, groupingFactor: 1, seed: 1, epoch: 0), data);
        var real = data.Sum(e => (long)e.InputIds.Length);

        Assert.True(grouped - real < (ungrouped - real) / 4, $"padding grouped {grouped - real}, random {ungrouped - real}");
    }

    [Fact]
    public void ClassWeights_Balanced_AreInverseFrequencies()
    {
        // 6 examples: class 0 ×3, class 1 ×2, class 2 ×1 → n / (k · n_c) = 6/9, 6/6, 6/3.
        var examples = new[] { 0, 0, 0, 1, 1, 2 }.Select(l => new EncodedExample([101, 102], [l])).ToList();
        var data = new EncodedDataset(examples, ["a", "b", "c"], IsMultiLabel: false);

        using var weights = LossFunctions.ClassWeights(data, ClassWeighting.Balanced, CPU)!;

        Assert.Equal([6f / 9, 1f, 2f], weights.data<float>().ToArray(), new FloatComparer(1e-6f));
        Assert.Null(LossFunctions.ClassWeights(data, ClassWeighting.None, CPU));
    }

    [Fact]
    public void ClassWeights_BalancedMultiLabel_ArePositiveWeightsPerLabel()
    {
        // 4 examples; label 0 on 1 of them → (4 − 1) / 1 = 3; label 1 on all → 0 / 4 = 0.
        var examples = new[] { new[] { 0, 1 }, [1], [1], [1] }.Select(l => new EncodedExample([101, 102], l)).ToList();
        var data = new EncodedDataset(examples, ["a", "b"], IsMultiLabel: true);

        using var weights = LossFunctions.ClassWeights(data, ClassWeighting.Balanced, CPU)!;

        Assert.Equal([3f, 0f], weights.data<float>().ToArray(), new FloatComparer(1e-6f));
    }

    private sealed class FloatComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}

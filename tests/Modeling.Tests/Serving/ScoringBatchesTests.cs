using Platform.Modeling.Serving;

namespace Platform.Modeling.Tests.Serving;

public sealed class ScoringBatchesTests
{
    [Fact]
    public void Plan_EqualLengths_UsesTheFewestPassesTheCapAllows()
    {
        var ends = ScoringBatches.Plan([.. Enumerable.Repeat(12, 150)], maxBatch: 64);

        Assert.Equal(3, ends.Length);
        Assert.Equal(150, ends[^1]);
        Assert.All(ends.Zip(ends.Prepend(0)), pair => Assert.InRange(pair.First - pair.Second, 1, 64));
    }

    [Fact]
    public void Plan_ShortTextsAndOneLongText_ScoresTheLongOneAlone()
    {
        // Padding 24 texts of 10 tokens to 120 would compute 2,880 tokens; two passes cost 240 + 120 + 2 x 32.
        int[] lengths = [.. Enumerable.Repeat(10, 24), 120];

        var ends = ScoringBatches.Plan(lengths, maxBatch: 64);

        Assert.Equal([24, 25], ends);
    }

    [Fact]
    public void Plan_NearlyEqualLengths_KeepsOnePassRatherThanPayingForAnother()
    {
        int[] lengths = [10, 10, 11, 11, 12, 12, 13];

        Assert.Equal([7], ScoringBatches.Plan(lengths, maxBatch: 64));
    }

    [Fact]
    public void Plan_CoversEverySequenceOnceInOrderWithinTheCap()
    {
        var random = new Random(5);
        int[] lengths = [.. Enumerable.Range(0, 500).Select(_ => random.Next(3, 129)).Order()];

        var ends = ScoringBatches.Plan(lengths, maxBatch: 32);

        Assert.Equal(500, ends[^1]);
        var start = 0;
        foreach (var end in ends)
        {
            Assert.InRange(end - start, 1, 32);
            start = end;
        }
    }

    [Fact]
    public void Plan_Empty_HasNoBatches() => Assert.Empty(ScoringBatches.Plan([], maxBatch: 64));
}

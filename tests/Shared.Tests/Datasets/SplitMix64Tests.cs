using Platform.Shared.Datasets;

namespace Platform.Shared.Tests.Datasets;

public sealed class SplitMix64Tests
{
    [Fact]
    public void NextUInt64_SeedZero_MatchesTheReferenceSequence()
    {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var random = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void NextInt_ManyDraws_StaysInRange()
    {
        var random = new SplitMix64(123);

        Assert.All(Enumerable.Range(0, 10_000).Select(_ => random.NextInt(7)), v => Assert.InRange(v, 0, 6));
    }

    [Fact]
    public void StableHash_SameText_IsTheSameConstant()
    {
        Assert.Equal(0xAF63DC4C8601EC8CUL, SplitMix64.StableHash("a"));
    }
}

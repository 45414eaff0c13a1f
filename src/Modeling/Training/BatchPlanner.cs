using Platform.Shared.Datasets;

namespace Platform.Modeling.Training;

/// <summary>
/// Plans an epoch's batches: shuffle, sort by length inside pools of <c>factor × batch</c> examples,
/// cut into batches, shuffle the batches. Similar lengths share a batch, so dynamic padding wastes
/// little, while the order stays random. The plan depends only on (seed, epoch), so a resumed run
/// rebuilds it exactly and skips the batches already done.
/// </summary>
internal static class BatchPlanner
{
    public static IReadOnlyList<int[]> Plan(IReadOnlyList<EncodedExample> examples, int batchSize, int groupingFactor, int seed, int epoch)
    {
        var random = new SplitMix64(unchecked(((ulong)(uint)seed << 32) ^ (ulong)(uint)epoch ^ 0x5851F42D4C957F2DUL));
        var order = Enumerable.Range(0, examples.Count).ToArray();
        random.Shuffle(order);

        var poolSize = Math.Max(batchSize, batchSize * Math.Max(1, groupingFactor));
        var batches = new List<int[]>((examples.Count / batchSize) + 1);
        for (var start = 0; start < order.Length; start += poolSize)
        {
            var pool = order.AsSpan(start, Math.Min(poolSize, order.Length - start)).ToArray();
            Array.Sort(pool, (a, b) => examples[b].InputIds.Length.CompareTo(examples[a].InputIds.Length) is var c && c != 0 ? c : a.CompareTo(b));
            for (var b = 0; b < pool.Length; b += batchSize)
            {
                batches.Add(pool.AsSpan(b, Math.Min(batchSize, pool.Length - b)).ToArray());
            }
        }

        random.Shuffle(batches);
        return batches;
    }
}

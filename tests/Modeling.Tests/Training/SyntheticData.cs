using Platform.Modeling.Training;

namespace Platform.Modeling.Tests.Training;

/// <summary>A learnable toy task over real vocabulary ids: the class is decided by which marker token a sequence contains.</summary>
internal static class SyntheticData
{
    public static readonly string[] Labels = ["negative", "neutral", "positive"];

    public static EncodedDataset Create(int count, int seed)
    {
        var random = new Random(seed);
        int[] markers = [2919, 3671, 2204]; // "bad", "normal", "good" in the uncased BERT vocabulary
        var examples = new List<EncodedExample>(count);
        for (var i = 0; i < count; i++)
        {
            var label = i % Labels.Length;
            var length = random.Next(3, 12);
            var ids = new int[length + 2];
            ids[0] = 101;
            ids[^1] = 102;
            for (var t = 1; t <= length; t++)
            {
                ids[t] = random.Next(2000, 2900);
            }

            ids[random.Next(1, length + 1)] = markers[label];
            examples.Add(new EncodedExample(ids, [label]));
        }

        return new EncodedDataset(examples, Labels, IsMultiLabel: false);
    }
}

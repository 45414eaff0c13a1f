using Platform.Shared.Datasets;

namespace Platform.Shared.Tests.Datasets;

public sealed class DatasetSplitterTests
{
    /// <summary>100 of "a", 50 of "b", 10 of "c", 3 of "d", 2 of "e".</summary>
    private static LabeledDataset Imbalanced()
    {
        var examples = new List<LabeledExample>();
        foreach (var (label, count) in new[] { ("a", 100), ("b", 50), ("c", 10), ("d", 3), ("e", 2) })
        {
            for (var i = 0; i < count; i++)
            {
                examples.Add(new LabeledExample($"{label} text {i}", [label], examples.Count + 2));
            }
        }
        return new LabeledDataset(examples, ["a", "b", "c", "d", "e"], false);
    }

    private static IEnumerable<string> Texts(LabeledDataset dataset) => dataset.Examples.Select(e => e.Text);

    [Fact]
    public void Split_SameSeed_GivesTheSameSplit()
    {
        var first = DatasetSplitter.Split(Imbalanced(), new SplitOptions(Seed: 7));
        var second = DatasetSplitter.Split(Imbalanced(), new SplitOptions(Seed: 7));

        Assert.Equal(Texts(first.Train), Texts(second.Train));
        Assert.Equal(Texts(first.Validation), Texts(second.Validation));
        Assert.Equal(Texts(first.Test), Texts(second.Test));
    }

    [Fact]
    public void Split_DifferentSeed_GivesADifferentSplit()
    {
        var first = DatasetSplitter.Split(Imbalanced(), new SplitOptions(Seed: 7));
        var second = DatasetSplitter.Split(Imbalanced(), new SplitOptions(Seed: 8));

        Assert.NotEqual(Texts(first.Validation).Order(), Texts(second.Validation).Order());
    }

    [Fact]
    public void Split_DefaultSeed_IsPinnedAcrossRuntimeVersions()
    {
        var splits = DatasetSplitter.Split(Imbalanced(), new SplitOptions());

        // Pinned output: if this changes, every stored split of every user changes with it.
        Assert.Equal(["a text 0", "a text 1", "a text 6"], Texts(splits.Validation).Take(3));
    }

    [Fact]
    public void Split_Always_IsDisjointAndComplete()
    {
        var dataset = Imbalanced();

        var splits = DatasetSplitter.Split(dataset, new SplitOptions());

        var all = Texts(splits.Train).Concat(Texts(splits.Validation)).Concat(Texts(splits.Test)).ToList();
        Assert.Equal(dataset.Examples.Count, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void Split_Imbalanced_StratifiesEveryClassWithThreeOrMore()
    {
        var splits = DatasetSplitter.Split(Imbalanced(), new SplitOptions());

        int Count(LabeledDataset d, string label) => d.Examples.Count(e => e.Labels[0] == label);
        Assert.Equal((80, 10, 10), (Count(splits.Train, "a"), Count(splits.Validation, "a"), Count(splits.Test, "a")));
        Assert.Equal((40, 5, 5), (Count(splits.Train, "b"), Count(splits.Validation, "b"), Count(splits.Test, "b")));
        Assert.Equal((8, 1, 1), (Count(splits.Train, "c"), Count(splits.Validation, "c"), Count(splits.Test, "c")));
        Assert.Equal((1, 1, 1), (Count(splits.Train, "d"), Count(splits.Validation, "d"), Count(splits.Test, "d")));
        Assert.Equal((2, 0, 0), (Count(splits.Train, "e"), Count(splits.Validation, "e"), Count(splits.Test, "e")));
    }

    [Fact]
    public void Split_Always_KeepsTheParentLabelListAndOriginalOrder()
    {
        var dataset = Imbalanced();

        var splits = DatasetSplitter.Split(dataset, new SplitOptions());

        Assert.Same(dataset.Labels, splits.Test.Labels);
        Assert.Same(dataset.Labels, splits.Train.Labels);
        Assert.Equal(splits.Train.Examples.OrderBy(e => e.Line).Select(e => e.Line), splits.Train.Examples.Select(e => e.Line));
    }

    [Fact]
    public void Split_TextsDifferingOnlyInWhitespace_NeverLandInTwoSplits()
    {
        var examples = Enumerable.Range(0, 60).SelectMany(i => new[]
        {
            new LabeledExample($"text {i}", [i % 2 == 0 ? "x" : "y"], i * 2 + 2),
            new LabeledExample($" text  {i} ", [i % 2 == 0 ? "x" : "y"], i * 2 + 3),
        }).ToList();

        var splits = DatasetSplitter.Split(new LabeledDataset(examples, ["x", "y"], false), new SplitOptions());

        var all = Texts(splits.Train).Concat(Texts(splits.Validation)).Concat(Texts(splits.Test)).ToList();
        Assert.Equal(60, all.Count);
        Assert.All(all, t => Assert.DoesNotContain("  ", t));
    }

    [Fact]
    public void Split_MultiLabel_StratifiesByRarestLabel()
    {
        var examples = new List<LabeledExample>();
        for (var i = 0; i < 200; i++)
        {
            IReadOnlyList<string> labels = i % 20 == 0 ? ["common", "rare"] : ["common"];
            examples.Add(new LabeledExample($"t{i}", labels, i + 2));
        }

        var splits = DatasetSplitter.Split(new LabeledDataset(examples, ["common", "rare"], true), new SplitOptions());

        Assert.Equal(8, splits.Train.Examples.Count(e => e.Labels.Contains("rare")));
        Assert.Equal(1, splits.Validation.Examples.Count(e => e.Labels.Contains("rare")));
        Assert.Equal(1, splits.Test.Examples.Count(e => e.Labels.Contains("rare")));
        Assert.True(splits.Test.IsMultiLabel);
    }

    [Theory]
    [InlineData(-0.1, 0.1)]
    [InlineData(0.5, 0.5)]
    [InlineData(1.0, 0.0)]
    [InlineData(double.NaN, 0.1)]
    public void Split_BadFractions_Throws(double validation, double test)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.Split(Imbalanced(), new SplitOptions(validation, test)));
    }

    [Fact]
    public void Split_ZeroTestFraction_LeavesTestEmpty()
    {
        var splits = DatasetSplitter.Split(Imbalanced(), new SplitOptions(0.2, 0));

        Assert.Empty(splits.Test.Examples);
        Assert.Equal(20, splits.Validation.Examples.Count(e => e.Labels[0] == "a"));
    }
}

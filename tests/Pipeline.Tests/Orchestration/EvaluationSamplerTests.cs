using Platform.Pipeline.Activities;
using Platform.Shared.Datasets;

namespace Platform.Pipeline.Tests.Orchestration;

public sealed class EvaluationSamplerTests
{
    [Fact]
    public void Take_CapBelowCount_KeepsLabelSharesAndIsRepeatable()
    {
        var examples = Enumerable.Range(0, 100).Select(i => new LabeledExample($"t{i}", [i < 80 ? "a" : "b"], i + 2)).ToList();

        var sample = EvaluationSampler.Take(examples, 10);

        Assert.Equal(10, sample.Count);
        Assert.Equal(8, sample.Count(e => e.Labels[0] == "a"));
        Assert.Equal(2, sample.Count(e => e.Labels[0] == "b"));
        Assert.Equal(sample, EvaluationSampler.Take(examples, 10));
        Assert.Equal(sample.Count, sample.Distinct().Count());
    }

    [Fact]
    public void Take_RareLabel_StillRepresented()
    {
        var examples = Enumerable.Range(0, 100).Select(i => new LabeledExample($"t{i}", [i == 0 ? "rare" : "common"], i + 2)).ToList();

        var sample = EvaluationSampler.Take(examples, 5);

        Assert.Equal(5, sample.Count);
        Assert.Contains(sample, e => e.Labels[0] == "rare");
    }

    [Fact]
    public void Take_CapAboveCount_ReturnsAll()
    {
        var examples = new[] { new LabeledExample("x", ["a"], 2) };

        Assert.Same(examples, EvaluationSampler.Take(examples, 10));
    }
}

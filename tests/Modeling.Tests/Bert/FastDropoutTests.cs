using Platform.Modeling.BaseModels;
using Platform.Modeling.Bert;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Bert;

[Collection(TorchCollection.Name)]
public sealed class FastDropoutTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Apply_Training_DropsTheRequestedShareAndKeepsTheMean(double probability)
    {
        random.manual_seed(11);
        using var input = rand(64, 12, 33, 37) + 0.5;
        using var output = FastDropout.Apply(input, probability, training: true);

        var dropped = (output == 0).to_type(ScalarType.Float64).mean().item<double>();
        // ~1M elements: one standard error of the drop share is under 0.0005.
        Assert.InRange(dropped, probability - 0.003, probability + 0.003);
        var kept = output != 0;
        // Every kept element is the input scaled by the inverse keep rate (the rate rounded to 1/65,536).
        var scale = 65536.0 / (65536 - FastDropout.Threshold(probability));
        Assert.True(output.masked_select(kept).allclose(input.masked_select(kept) * scale, rtol: 1e-6, atol: 0));
        var ratio = output.mean().item<float>() / input.mean().item<float>();
        Assert.InRange(ratio, 0.99, 1.01);
    }

    [Fact]
    public void Apply_SameGeneratorState_SameMask_AndTheGeneratorMovesOn()
    {
        using var input = ones(1000, 70);
        random.manual_seed(5);
        using var first = FastDropout.Apply(input, 0.1, training: true);
        using var second = FastDropout.Apply(input, 0.1, training: true);
        random.manual_seed(5);
        using var again = FastDropout.Apply(input, 0.1, training: true);

        Assert.True(Same(first, again));
        Assert.False(Same(first, second));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(1_000_003)]
    public void KeepMask_EachElementDependsOnlyOnItsIndex_WhateverTheSizeVectorPathOrThreads(long count)
    {
        // Small masks take the scalar path, large ones the vector path on parallel chunks: each is a prefix of a larger one.
        using var small = FastDropout.KeepMask([count], FastDropout.Threshold(0.3), seed: 42);
        using var large = FastDropout.KeepMask([count + 5_000_000], FastDropout.Threshold(0.3), seed: 42);
        Assert.True(Same(small, large[..(int)count]));
        using var otherSeed = FastDropout.KeepMask([count + 5_000_000], FastDropout.Threshold(0.3), seed: 43);
        Assert.False(Same(large, otherSeed));
    }

    [Fact]
    public void Apply_Backward_GradientIsTheMaskTimesTheScale()
    {
        random.manual_seed(3);
        using var input = randn(300, 50).requires_grad_();
        using var output = FastDropout.Apply(input, 0.2, training: true);
        output.sum().backward();

        var scale = 65536.0 / (65536 - FastDropout.Threshold(0.2));
        using var expected = (output != 0).to_type(ScalarType.Float32) * scale;
        Assert.True(input.grad!.allclose(expected, rtol: 1e-6, atol: 0));
    }

    [Fact]
    public void Apply_NotTrainingOrZeroProbability_ReturnsTheInput_AndOneZeroesIt()
    {
        using var input = randn(10, 10);
        using var evaluation = FastDropout.Apply(input, 0.5, training: false);
        using var none = FastDropout.Apply(input, 0, training: true);
        using var all = FastDropout.Apply(input, 1, training: true);

        Assert.True(Same(evaluation, input));
        Assert.True(Same(none, input));
        Assert.Equal(0, all.abs().sum().item<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastDropout(1.5));
    }

    [Fact]
    public void Module_FollowsTrainAndEval()
    {
        using var module = new FastDropout(0.5);
        using var input = ones(100, 100);
        module.train();
        using var trained = module.forward(input);
        module.eval();
        using var evaluated = module.forward(input);

        Assert.True((trained == 0).any().item<bool>());
        Assert.True(Same(evaluated, input));
    }

    [Fact]
    public void WrittenOutAttention_InTraining_MatchesTheFusedKernel_WhenNothingIsDropped()
    {
        // Attention dropout this small rounds to a drop rate of zero: training runs the written-out attention (scores,
        // fp32 softmax, FastDropout) with every probability kept, which must equal the fused kernel used in evaluation.
        var tiny = BaseModelResolver.Resolve(BaseModelResolver.TinyRandom).Config with { AttentionProbsDropoutProb = 1e-9, HiddenDropoutProb = 0 };
        random.manual_seed(1);
        using var model = new BertForSequenceClassification(tiny, labelCount: 3);
        using var ids = tensor(new long[] { 101, 2204, 2003, 102, 0, 0, 101, 2919, 3671, 2143, 2003, 102 }, [2, 6]);
        using var mask = tensor(new long[] { 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1 }, [2, 6]);

        model.train();
        using var written = model.forward(ids, mask);
        model.eval();
        using var fused = model.forward(ids, mask);

        Assert.True(written.allclose(fused, rtol: 1e-4, atol: 1e-5), $"{(written - fused).abs().max().item<float>()}");
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}

using Platform.Modeling.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class FusedAdamWTests
{
    [Fact]
    public void Step_MatchesTorchSharpsAdamW_OverGroupsStepsAndLearningRates_InItsOwnState()
    {
        // A large tensor (parallel chunks, vector body) and small ones (scalar tails), with and without weight decay.
        long[][] shapes = [[700, 1001], [385], [3, 7]];
        random.manual_seed(9);
        var initial = shapes.Select(s => randn(s)).ToArray();
        var reference = initial.Select(t => new Parameter(t.clone())).ToArray();
        var fused = initial.Select(t => new Parameter(t.clone())).ToArray();
        using var referenceOptimizer = Create(reference);
        using var fusedOptimizer = Create(fused);
        var step = new FusedAdamW(fusedOptimizer);

        for (var s = 1; s <= 6; s++)
        {
            foreach (var optimizer in new[] { referenceOptimizer, fusedOptimizer })
            {
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = 1e-3 / s;
                }
            }

            for (var i = 0; i < shapes.Length; i++)
            {
                using var grad = randn(shapes[i]) * (s % 3 == 0 ? 1e-4 : 1.0);
                reference[i].grad = grad.clone();
                fused[i].grad = grad.clone();
            }

            referenceOptimizer.step();
            step.Step();
        }

        var referenceStates = referenceOptimizer.state_dict().State.Cast<AdamW.State>().ToArray();
        var fusedStates = fusedOptimizer.state_dict().State.Cast<AdamW.State>().ToArray();
        for (var i = 0; i < shapes.Length; i++)
        {
            Assert.Equal(6, fusedStates[i].step);
            Assert.True(fused[i].allclose(reference[i], rtol: 1e-5, atol: 1e-7), $"weights {i}: {(fused[i] - reference[i]).abs().max().item<float>()}");
            Assert.True(fusedStates[i].exp_avg.allclose(referenceStates[i].exp_avg, rtol: 1e-5, atol: 1e-7), $"first moment {i}");
            Assert.True(fusedStates[i].exp_avg_sq.allclose(referenceStates[i].exp_avg_sq, rtol: 1e-5, atol: 1e-10), $"second moment {i}");
            Assert.False(fused[i].allclose(initial[i]));
        }
    }

    [Fact]
    public void Step_ParameterWithoutGradient_IsLeftAsIs()
    {
        var weight = new Parameter(ones(10));
        using var optimizer = optim.AdamW([weight], lr: 0.1);
        new FusedAdamW(optimizer).Step();

        Assert.True(weight.eq(1).all().item<bool>());
        Assert.Equal(0, optimizer.state_dict().State.Cast<AdamW.State>().Single().step);
    }

    [Fact]
    public void Supports_OnlyContiguousFp32CpuParameters()
    {
        Assert.True(FusedAdamW.Supports([new Parameter(zeros(4, 4))]));
        Assert.False(FusedAdamW.Supports([new Parameter(zeros(4, 4, dtype: ScalarType.Float64))]));
        Assert.False(FusedAdamW.Supports([new Parameter(zeros(4, 4).t())]));
        Assert.Throws<ArgumentException>(() => new FusedAdamW(optim.AdamW([new Parameter(zeros(2))], amsgrad: true)));
    }

    private static AdamW Create(Parameter[] parameters) => optim.AdamW(
        [
            new AdamW.ParamGroup([parameters[0], parameters[2]], new AdamW.Options { weight_decay = 0.01 }),
            new AdamW.ParamGroup([parameters[1]], new AdamW.Options { weight_decay = 0 }),
        ],
        lr: 1e-3);
}

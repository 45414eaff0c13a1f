using System.Runtime.Intrinsics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>
/// TorchSharp's AdamW step done in one pass per parameter for fp32 CPU tensors: TorchSharp 0.107 has no fused or
/// foreach optimizer kernels, and its AdamW runs nine tensor operations per parameter (two of them allocating), each a
/// full pass over the weights, moments or gradient. This reads the weight, gradient and both moments once and writes the
/// weight and moments once, vectorised and, for large tensors, on every core. It updates the AdamW instance's own state
/// (moments and step counts), so checkpoints keep TorchSharp's format, learning rates still come from its parameter
/// groups, and the update is the same (decoupled decay, bias-corrected moments, ε outside the square root).
/// </summary>
internal sealed class FusedAdamW
{
    private const long ParallelFrom = 1 << 18;
    private readonly (Parameter Parameter, AdamW.State State, AdamW.Options Options)[] _entries;

    public FusedAdamW(AdamW optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var states = optimizer.state_dict().State;
        var entries = new List<(Parameter, AdamW.State, AdamW.Options)>();
        foreach (var group in optimizer.ParamGroups.Cast<AdamW.ParamGroup>())
        {
            var options = group.Options;
            if (options.amsgrad == true || options.maximize == true)
            {
                throw new ArgumentException("The fused step implements AdamW without amsgrad or maximize.", nameof(optimizer));
            }

            foreach (var parameter in group.Parameters)
            {
                entries.Add((parameter, (AdamW.State)states[entries.Count], options));
            }
        }

        _entries = [.. entries];
    }

    /// <summary>Whether every parameter is a contiguous fp32 CPU tensor, which the fused step needs.</summary>
    public static bool Supports(IEnumerable<Parameter> parameters) =>
        parameters.All(p => p.device_type == DeviceType.CPU && p.dtype == ScalarType.Float32 && p.is_contiguous());

    /// <summary>
    /// One AdamW step over every parameter with a gradient, at each group's current learning rate, each gradient read
    /// as multiplied by <paramref name="gradientScale"/> (gradient clipping folded into the same pass).
    /// </summary>
    public void Step(double gradientScale = 1)
    {
        using var guard = no_grad();
        foreach (var (parameter, state, options) in _entries)
        {
            using var grad = parameter.grad;
            if (grad is null)
            {
                continue;
            }

            using var contiguous = grad.is_contiguous() ? grad.alias() : grad.contiguous();
            state.step += 1;
            var (lr, beta1, beta2) = (options.LearningRate!.Value, options.beta1!.Value, options.beta2!.Value);
            var update = new Update(
                Decay: (float)(1 - (lr * options.weight_decay!.Value)),
                Beta1: (float)beta1,
                Beta2: (float)beta2,
                Keep1: (float)(1 - beta1),
                Keep2: (float)(1 - beta2),
                InverseRootCorrection: (float)(1 / Math.Sqrt(1 - Math.Pow(beta2, state.step))),
                Epsilon: (float)options.eps!.Value,
                StepSize: (float)(lr / (1 - Math.Pow(beta1, state.step))),
                GradientScale: (float)gradientScale);
            Apply(parameter, contiguous, state.exp_avg, state.exp_avg_sq, update);
        }
    }

    private static unsafe void Apply(Tensor weight, Tensor grad, Tensor expAvg, Tensor expAvgSq, Update update)
    {
        var count = weight.numel();
        fixed (byte* w = weight.bytes, g = grad.bytes, m = expAvg.bytes, v = expAvgSq.bytes)
        {
            var (pw, pg, pm, pv) = ((nint)w, (nint)g, (nint)m, (nint)v);
            if (count < ParallelFrom)
            {
                Run((float*)pw, (float*)pg, (float*)pm, (float*)pv, 0, count, update);
                return;
            }

            var chunk = ((count / Environment.ProcessorCount) + 63) & ~63L;
            var chunks = (count + chunk - 1) / chunk;
            Parallel.For(0, chunks, c => Run((float*)pw, (float*)pg, (float*)pm, (float*)pv, c * chunk, Math.Min(count, (c + 1) * chunk), update));
        }
    }

    private static unsafe void Run(float* w, float* g, float* m, float* v, long from, long to, Update u)
    {
        var i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            var (decay, beta1, beta2) = (Vector256.Create(u.Decay), Vector256.Create(u.Beta1), Vector256.Create(u.Beta2));
            var (keep1, keep2) = (Vector256.Create(u.Keep1), Vector256.Create(u.Keep2));
            var (correction, epsilon, stepSize) = (Vector256.Create(u.InverseRootCorrection), Vector256.Create(u.Epsilon), Vector256.Create(u.StepSize));
            var scale = Vector256.Create(u.GradientScale);
            for (; i + 8 <= to; i += 8)
            {
                var grad = Vector256.Load(g + i) * scale;
                var mean = (beta1 * Vector256.Load(m + i)) + (keep1 * grad);
                var square = (beta2 * Vector256.Load(v + i)) + (keep2 * grad * grad);
                var denominator = (Vector256.Sqrt(square) * correction) + epsilon;
                var weight = (Vector256.Load(w + i) * decay) - (stepSize * mean / denominator);
                mean.Store(m + i);
                square.Store(v + i);
                weight.Store(w + i);
            }
        }

        for (; i < to; i++)
        {
            var grad = g[i] * u.GradientScale;
            var mean = (u.Beta1 * m[i]) + (u.Keep1 * grad);
            var square = (u.Beta2 * v[i]) + (u.Keep2 * grad * grad);
            var denominator = (MathF.Sqrt(square) * u.InverseRootCorrection) + u.Epsilon;
            m[i] = mean;
            v[i] = square;
            w[i] = (w[i] * u.Decay) - (u.StepSize * mean / denominator);
        }
    }

    /// <summary>One step's coefficients; Keep1 and Keep2 are 1 − β computed in double, as TorchSharp passes them.</summary>
    private readonly record struct Update(float Decay, float Beta1, float Beta2, float Keep1, float Keep2, float InverseRootCorrection, float Epsilon, float StepSize, float GradientScale);
}

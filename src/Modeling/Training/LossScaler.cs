using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>
/// Dynamic loss scaling for fp16 training: the loss is multiplied by <see cref="LossScaleState.Scale"/> before backward so
/// that small gradients survive fp16's narrow range; the gradients are divided by it again before clipping and the update.
/// A step whose gradients overflowed (an infinite or NaN norm) is skipped and the scale halved; after
/// <see cref="GrowthInterval"/> clean steps it doubles. The state travels in checkpoints, so a resumed run scales as the
/// uninterrupted one would.
/// </summary>
internal sealed class LossScaler(LossScaleState state)
{
    public const double InitialScale = 65_536;
    public const int GrowthInterval = 2_000;
    public const double MinScale = 1;

    public LossScaleState State { get; private set; } = state;

    public static LossScaleState Initial => new(InitialScale, 0, 0);

    /// <summary>The loss to call backward on.</summary>
    public Tensor Scale(Tensor loss) => loss * State.Scale;

    /// <summary>
    /// Divides the gradients by the scale, clips them to <paramref name="maxNorm"/> and says whether they are finite;
    /// updates the scale. The caller steps the optimizer only when this returns true.
    /// </summary>
    public bool UnscaleAndClip(IList<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using (no_grad())
        {
            var inverse = 1.0 / State.Scale;
            foreach (var parameter in parameters)
            {
                parameter.grad?.mul_(inverse);
            }
        }

        var norm = nn.utils.clip_grad_norm_(parameters, maxNorm);
        return Update(double.IsFinite(norm));
    }

    /// <summary>Records a step's outcome: a clean step counts toward growth, an overflow halves the scale. Returns <paramref name="finite"/>.</summary>
    public bool Update(bool finite)
    {
        State = finite
            ? State.GoodSteps + 1 >= GrowthInterval
                ? State with { Scale = State.Scale * 2, GoodSteps = 0 }
                : State with { GoodSteps = State.GoodSteps + 1 }
            : State with { Scale = Math.Max(MinScale, State.Scale / 2), GoodSteps = 0, SkippedSteps = State.SkippedSteps + 1 };
        return finite;
    }
}

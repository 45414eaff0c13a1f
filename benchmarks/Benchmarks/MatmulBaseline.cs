using Platform.Modeling.Bert;
using static TorchSharp.torch;

namespace Platform.Benchmarks;

/// <summary>This CPU's matrix-product rate (fp32, or bf16) through the same libtorch: the ceiling training can approach.</summary>
internal static class MatmulBaseline
{
    private const int Size = 2048;

    public static double GigaflopsPerSecond(TimeSpan minimum, ScalarType type = ScalarType.Float32)
    {
        using var a = randn(Size, Size).to_type(type);
        using var b = randn(Size, Size).to_type(type);
        using var guard = no_grad();
        var products = Timing.Rate(() =>
        {
            using var product = a.mm(b);
            return 1;
        }, minimum);
        return products * 2.0 * Size * Size * Size / 1e9;
    }

    /// <summary>
    /// Seconds one training step spends in the encoder's linear layers' matrix products alone, timed here at the step's
    /// shapes in <paramref name="type"/>: for each layer the fused query/key/value, attention output, intermediate and
    /// output projections over <paramref name="tokens"/> positions, forward (Y = X·Wᵀ) and both backward products
    /// (dX = dY·W, dW = dYᵀ·X). The rest of a step's forward and backward time is everything else.
    /// </summary>
    public static double EncoderLinearSeconds(BertConfig config, int tokens, TimeSpan minimum, ScalarType type = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (hidden, intermediate) = (config.HiddenSize, config.IntermediateSize);
        (int In, int Out)[] shapes = [(hidden, 3 * hidden), (hidden, hidden), (hidden, intermediate), (intermediate, hidden)];
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var operands = shapes.Select(s => (X: randn(tokens, s.In).to_type(type), W: randn(s.Out, s.In).to_type(type), DY: randn(tokens, s.Out).to_type(type))).ToArray();
        var layersPerSecond = Timing.Rate(() =>
        {
            foreach (var (x, w, dy) in operands)
            {
                using var y = x.mm(w.t());
                using var dx = dy.mm(w);
                using var dw = dy.t().mm(x);
            }

            return 1;
        }, minimum);
        return config.NumHiddenLayers / layersPerSecond;
    }
}

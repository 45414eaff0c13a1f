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
}

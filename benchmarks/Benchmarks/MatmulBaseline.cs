using static TorchSharp.torch;

namespace Platform.Benchmarks;

/// <summary>This CPU's fp32 matrix-product rate through the same libtorch: the ceiling training can approach.</summary>
internal static class MatmulBaseline
{
    private const int Size = 2048;

    public static double GigaflopsPerSecond(TimeSpan minimum)
    {
        using var a = randn(Size, Size);
        using var b = randn(Size, Size);
        using var guard = no_grad();
        var products = Timing.Rate(() =>
        {
            using var product = a.mm(b);
            return 1;
        }, minimum);
        return products * 2.0 * Size * Size * Size / 1e9;
    }
}

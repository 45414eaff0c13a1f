using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>
/// Inverted dropout whose keep-mask costs a fraction of libtorch's on CPU, where drawing one Bernoulli number per
/// element from the Mersenne Twister was the largest single cost of a training step's forward pass (the attention
/// probabilities alone are batch × heads × length² elements per layer). Each call takes one 64-bit seed from libtorch's
/// default generator, so a seeded run is reproducible and a resumed run continues the same stream (the trainer checkpoints
/// that generator's state); the mask then comes from a counter-based hash (SplitMix64's finalizer over the element index),
/// four 16-bit draws per hash, vectorised and independent of thread count. The drop rate is the requested one rounded to
/// a multiple of 1/65,536 and kept elements are scaled by the inverse of the exact keep rate, so the expectation is
/// unchanged. On other devices, libtorch's own dropout.
/// </summary>
internal sealed class FastDropout : nn.Module<Tensor, Tensor>
{
    private const int Resolution = 1 << 16;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const long ParallelFrom = 1 << 18;

    public FastDropout(double probability) : base(nameof(FastDropout))
    {
        if (probability is < 0 or > 1 || double.IsNaN(probability))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A dropout probability lies in [0, 1].");
        }

        Probability = probability;
    }

    public double Probability { get; }

    public override Tensor forward(Tensor input) => Apply(input, Probability, training);

    /// <summary><paramref name="input"/> with each element zeroed with <paramref name="probability"/> and the rest scaled up to keep the mean, when <paramref name="training"/>.</summary>
    public static Tensor Apply(Tensor input, double probability, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || probability <= 0)
        {
            return input.alias();
        }

        if (input.device_type != DeviceType.CPU)
        {
            return nn.functional.dropout(input, probability, training: true);
        }

        var threshold = Threshold(probability);
        if (threshold >= Resolution)
        {
            return zeros_like(input);
        }

        using var mask = KeepMask(input.shape, threshold, DrawSeed());
        return input.mul(mask).mul_((double)Resolution / (Resolution - threshold));
    }

    /// <summary>The 16-bit draw below which an element is dropped: the probability in units of 1/65,536.</summary>
    internal static int Threshold(double probability) => (int)Math.Round(probability * Resolution);

    /// <summary>A boolean tensor of <paramref name="shape"/>, true where the element's 16-bit draw under <paramref name="seed"/> is at least <paramref name="threshold"/>.</summary>
    internal static unsafe Tensor KeepMask(long[] shape, int threshold, ulong seed)
    {
        var mask = empty(shape, ScalarType.Bool);
        var count = mask.numel();
        fixed (byte* start = mask.bytes)
        {
            var address = (nint)start;
            var groups = (count + 3) / 4;
            if (count < ParallelFrom)
            {
                Fill((byte*)address, count, 0, groups, seed, (ushort)threshold);
            }
            else
            {
                // Chunks of whole 16-group blocks, so every chunk but the last takes the vector path throughout.
                var chunk = Math.Max(1 << 14, (groups / Environment.ProcessorCount + 15) & ~15L);
                var chunks = (groups + chunk - 1) / chunk;
                Parallel.For(0, chunks, c => Fill((byte*)address, count, c * chunk, Math.Min(groups, (c + 1) * chunk), seed, (ushort)threshold));
            }
        }

        return mask;
    }

    /// <summary>One 64-bit seed from libtorch's default CPU generator.</summary>
    private static ulong DrawSeed()
    {
        using var draw = empty(2, ScalarType.Int32).random_(int.MinValue, int.MaxValue);
        var halves = draw.data<int>();
        return ((ulong)(uint)halves[0] << 32) | (uint)halves[1];
    }

    /// <summary>
    /// Writes the keep flags of hash groups [<paramref name="from"/>, <paramref name="to"/>): group g covers elements 4g
    /// to 4g + 3. The hash arithmetic wraps modulo 2^64 by design (the build does not check overflow; only the constant
    /// products below need <c>unchecked</c>, since the compiler checks constants).
    /// </summary>
    private static unsafe void Fill(byte* mask, long count, long from, long to, ulong seed, ushort threshold)
    {
        var g = from;
        if (Vector256.IsHardwareAccelerated)
        {
            var limit = Vector256.Create(threshold);
            var one = Vector256.Create((byte)1);
            var offsets = Vector256.Create(1UL, 2UL, 3UL, 4UL) * Golden;
            // Sixteen groups (64 elements) per round, while all 64 lie inside the tensor.
            for (; g + 16 <= to && (g + 16) * 4 <= count; g += 16)
            {
                var baseline = Vector256.Create(seed + ((ulong)g * Golden));
                var a = Mix(baseline + offsets);
                var b = Mix(baseline + offsets + Vector256.Create(unchecked(4 * Golden)));
                var c = Mix(baseline + offsets + Vector256.Create(unchecked(8 * Golden)));
                var d = Mix(baseline + offsets + Vector256.Create(unchecked(12 * Golden)));
                var keepAb = Vector256.Narrow(
                    Vector256.GreaterThanOrEqual(a.AsUInt16(), limit),
                    Vector256.GreaterThanOrEqual(b.AsUInt16(), limit));
                var keepCd = Vector256.Narrow(
                    Vector256.GreaterThanOrEqual(c.AsUInt16(), limit),
                    Vector256.GreaterThanOrEqual(d.AsUInt16(), limit));
                (keepAb & one).Store(mask + (g * 4));
                (keepCd & one).Store(mask + (g * 4) + 32);
            }
        }

        for (; g < to; g++)
        {
            var hash = Mix(seed + ((ulong)(g + 1) * Golden));
            for (var lane = 0; lane < 4; lane++)
            {
                var index = (g * 4) + lane;
                if (index < count)
                {
                    mask[index] = (ushort)(hash >> (16 * lane)) >= threshold ? (byte)1 : (byte)0;
                }
            }
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * 0x94D049BB133111EBUL;
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }
}

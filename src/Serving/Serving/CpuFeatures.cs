using System.Runtime.Intrinsics.X86;

namespace Platform.Modeling.Serving;

/// <summary>Whether this CPU computes bfloat16 natively (AVX-512 BF16 or AMX BF16), read once from <c>/proc/cpuinfo</c>.</summary>
public static class CpuFeatures
{
    /// <summary>The feature flag that makes bf16 native here (<c>amx_bf16</c> or <c>avx512_bf16</c>), or null.</summary>
    public static string? Bf16Flag { get; } = Detect();

    public static bool SupportsBf16 => Bf16Flag is not null;

    /// <summary>The bf16 flag among the space-separated <paramref name="flags"/> of a <c>/proc/cpuinfo</c> flags line, or null.</summary>
    public static string? Bf16FlagIn(string flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var set = flags.Split(' ', '\t', ':').ToHashSet(StringComparer.Ordinal);
        return set.Contains("amx_bf16") ? "amx_bf16" : set.Contains("avx512_bf16") ? "avx512_bf16" : null;
    }

    private static string? Detect()
    {
        if (!Avx512F.IsSupported)
        {
            return null;
        }

        try
        {
            return Bf16FlagIn(File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "");
        }
        catch (IOException)
        {
            return null;
        }
    }
}

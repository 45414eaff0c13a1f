using System.Runtime.Intrinsics.X86;

namespace Platform.Modeling.Serving;

/// <summary>Whether this CPU runs bf16 matrix products natively (AVX512-BF16 or AMX); without it bf16 is emulated and slower than fp32.</summary>
public static class CpuFeatures
{
    public static bool SupportsBf16 { get; } = Detect();

    private static bool Detect()
    {
        if (!Avx512F.IsSupported)
        {
            return false;
        }

        try
        {
            var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
            return flags.Contains(" avx512_bf16", StringComparison.Ordinal) || flags.Contains(" amx_bf16", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}

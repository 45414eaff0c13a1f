using Platform.Modeling.Serving;
using Platform.Modeling.Training;
using Platform.Shared.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Training;

public sealed class PrecisionPolicyTests
{
    [Theory]
    [InlineData(TrainingPrecision.Auto, DeviceType.CPU, "avx512_bf16", TrainingPrecision.Bf16, "auto: this CPU computes bf16 natively (avx512_bf16)")]
    [InlineData(TrainingPrecision.Auto, DeviceType.CPU, "amx_bf16", TrainingPrecision.Bf16, "auto: this CPU computes bf16 natively (amx_bf16)")]
    [InlineData(TrainingPrecision.Auto, DeviceType.CPU, null, TrainingPrecision.Fp32, "auto: this CPU has no native bf16 (no avx512_bf16 or amx_bf16)")]
    [InlineData(TrainingPrecision.Auto, DeviceType.CUDA, null, TrainingPrecision.Fp16, "auto: CUDA computes fp16 natively; dynamic loss scaling keeps small gradients")]
    [InlineData(TrainingPrecision.Bf16, DeviceType.CPU, null, TrainingPrecision.Bf16, "set by the job")]
    [InlineData(TrainingPrecision.Fp32, DeviceType.CPU, "avx512_bf16", TrainingPrecision.Fp32, "set by the job")]
    [InlineData(TrainingPrecision.Fp16, DeviceType.CUDA, null, TrainingPrecision.Fp16, "set by the job")]
    public void Settle_PicksTheFormatForTheDevice(TrainingPrecision requested, DeviceType device, string? flag, TrainingPrecision settled, string reason)
    {
        Assert.Equal((settled, reason), PrecisionPolicy.Settle(requested, device, flag));
    }

    [Fact]
    public void Settle_Fp16OnTheCpu_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PrecisionPolicy.Settle(TrainingPrecision.Fp16, DeviceType.CPU, "avx512_bf16"));
        Assert.Contains("CUDA only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeType_MapsEachSettledFormat_AndRefusesAuto()
    {
        Assert.Equal(ScalarType.BFloat16, PrecisionPolicy.ComputeType(TrainingPrecision.Bf16));
        Assert.Equal(ScalarType.Float16, PrecisionPolicy.ComputeType(TrainingPrecision.Fp16));
        Assert.Null(PrecisionPolicy.ComputeType(TrainingPrecision.Fp32));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrecisionPolicy.ComputeType(TrainingPrecision.Auto));
    }

    [Theory]
    [InlineData("flags\t\t: fpu vme avx2 avx512f avx512_bf16 avx512_vnni", "avx512_bf16")]
    [InlineData("flags\t\t: fpu avx512f avx512_bf16 amx_bf16 amx_tile", "amx_bf16")]
    [InlineData("flags\t\t: fpu vme avx avx2 fma", null)]
    [InlineData("flags\t\t: fpu avx512_bf16x", null)]
    [InlineData("", null)]
    public void Bf16FlagIn_FindsTheFlagThatMakesBf16Native(string line, string? flag) => Assert.Equal(flag, CpuFeatures.Bf16FlagIn(line));
}

using Platform.Shared.Training;
using Platform.Modeling.Serving;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>
/// Settles the <c>precision</c> option for the device a run trains on: <c>auto</c> takes bf16 on a CPU that computes it
/// natively (<c>avx512_bf16</c> or <c>amx_bf16</c> among its flags), fp16 with dynamic loss scaling on CUDA (native on
/// every GPU the runner targets; TorchSharp cannot ask a GPU whether it has bf16 units), fp32 anywhere else.
/// </summary>
public static class PrecisionPolicy
{
    /// <summary>The settled precision (never <see cref="TrainingPrecision.Auto"/>) and why it was chosen.</summary>
    /// <param name="requested">The job's option.</param>
    /// <param name="device">The device the run trains on.</param>
    /// <param name="cpuBf16Flag">The CPU flag that makes bf16 native (<see cref="CpuFeatures.Bf16Flag"/>), or null.</param>
    public static (TrainingPrecision Precision, string Reason) Settle(TrainingPrecision requested, DeviceType device, string? cpuBf16Flag) => requested switch
    {
        TrainingPrecision.Fp16 when device != DeviceType.CUDA =>
            throw new InvalidOperationException("precision fp16 trains on CUDA only and this run trains on the CPU; use bf16 or auto."),
        TrainingPrecision.Auto when device == DeviceType.CUDA => (TrainingPrecision.Fp16, "auto: CUDA computes fp16 natively; dynamic loss scaling keeps small gradients"),
        TrainingPrecision.Auto when cpuBf16Flag is not null => (TrainingPrecision.Bf16, $"auto: this CPU computes bf16 natively ({cpuBf16Flag})"),
        TrainingPrecision.Auto => (TrainingPrecision.Fp32, "auto: this CPU has no native bf16 (no avx512_bf16 or amx_bf16)"),
        _ => (requested, "set by the job"),
    };

    /// <summary>The TorchSharp type matrix products compute in, or null for fp32.</summary>
    public static ScalarType? ComputeType(TrainingPrecision settled) => settled switch
    {
        TrainingPrecision.Bf16 => ScalarType.BFloat16,
        TrainingPrecision.Fp16 => ScalarType.Float16,
        TrainingPrecision.Fp32 => null,
        _ => throw new ArgumentOutOfRangeException(nameof(settled), settled, "Settle the precision before training."),
    };

    /// <summary>The option's name as users write it: <c>fp32</c>, <c>bf16</c>, <c>fp16</c> or <c>auto</c>.</summary>
    public static string Name(TrainingPrecision precision) => precision.ToString().ToLowerInvariant();
}

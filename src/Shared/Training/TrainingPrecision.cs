namespace Platform.Shared.Training;

/// <summary>The number format matrix products train in; parameters, gradients and optimizer state are fp32 in every mode.</summary>
public enum TrainingPrecision
{
    /// <summary>bf16 where the device computes it natively (a CPU with <c>avx512_bf16</c> or <c>amx_bf16</c>), fp16 with loss scaling on CUDA, fp32 elsewhere.</summary>
    Auto,

    /// <summary>Everything in fp32.</summary>
    Fp32,

    /// <summary>Matrix products and activations in bfloat16 (fp32's range, so no loss scaling); layer norms, softmax and the loss in fp32.</summary>
    Bf16,

    /// <summary>Matrix products and activations in float16 with dynamic loss scaling; CUDA only.</summary>
    Fp16,
}

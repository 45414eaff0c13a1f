using Platform.Shared.Training;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.Modeling.Training;

/// <summary>
/// Identifies a training run by its options and data, so that a checkpoint is only ever resumed by the
/// run that wrote it: resuming with other data or hyperparameters would silently mix two runs.
/// </summary>
internal static class RunFingerprint
{
    public static string Compute(TrainingOptions options, EncodedDataset train, EncodedDataset validation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(options with { Device = "" })));
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\n', train.Labels)));
        foreach (var example in train.Examples.Concat(validation.Examples))
        {
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(example.InputIds.AsSpan()));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(example.Labels.AsSpan()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

using System.Text.Json;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>
/// A resumable checkpoint: current weights, best weights, optimizer moments and the trainer's position
/// (including the RNG state that drives dropout). Written to a fresh folder and swapped in, so a crash
/// mid-write leaves the previous checkpoint intact.
/// </summary>
internal static class TrainingCheckpoint
{
    private const string WeightsFile = "model.safetensors";
    private const string BestFile = "best.safetensors";
    private const string OptimizerFile = "optimizer.pt";
    private const string StateFile = "trainer_state.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Save(
        string directory, nn.Module model, OptimizerHelper optimizer, TrainerState state, IReadOnlyDictionary<string, Tensor>? best, Action<string>? saveExtra = null)
    {
        var staging = directory + ".new";
        var previous = directory + ".old";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        SaveWeights(Path.Combine(staging, WeightsFile), model.state_dict());
        if (best is not null)
        {
            SaveWeights(Path.Combine(staging, BestFile), best);
        }

        optimizer.save_py(Path.Combine(staging, OptimizerFile));
        saveExtra?.Invoke(staging);
        File.WriteAllText(Path.Combine(staging, StateFile), JsonSerializer.Serialize(state, Json));

        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }

        if (Directory.Exists(directory))
        {
            Directory.Move(directory, previous);
        }

        Directory.Move(staging, directory);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    /// <summary>Restores weights and optimizer; returns the saved position, best weights and the folder read, or null when there is no checkpoint.</summary>
    public static (TrainerState State, Dictionary<string, Tensor>? Best, string Directory)? TryLoad(string directory, nn.Module model, OptimizerHelper optimizer, string fingerprint)
    {
        var source = Directory.Exists(directory) ? directory : Directory.Exists(directory + ".old") ? directory + ".old" : null;
        if (source is null || !File.Exists(Path.Combine(source, StateFile)))
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(Path.Combine(source, StateFile)), Json)
            ?? throw new InvalidDataException($"{Path.Combine(source, StateFile)} is empty.");
        if (state.Fingerprint != fingerprint)
        {
            throw new ArgumentException(
                $"The checkpoint in {source} was written by a run with other data or hyperparameters; resuming it would mix two runs. Use another checkpoint folder or delete this one.");
        }

        model.load_safetensors(Path.Combine(source, WeightsFile));
        optimizer.load_py(Path.Combine(source, OptimizerFile));
        var bestPath = Path.Combine(source, BestFile);
        var best = File.Exists(bestPath) ? PyBridgeSafetensors(bestPath) : null;
        return (state, best, source);
    }

    public static Dictionary<string, Tensor> CloneToCpu(nn.Module model)
    {
        using var guard = no_grad();
        return model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().cpu().clone(), StringComparer.Ordinal);
    }

    public static void SaveWeights(string path, IReadOnlyDictionary<string, Tensor> weights)
    {
        var cpu = weights.ToDictionary(p => p.Key, p => p.Value.device_type == TorchSharp.DeviceType.CPU ? p.Value : p.Value.cpu(), StringComparer.Ordinal);
        Safetensors.SaveStateDict(path, cpu);
    }

    private static Dictionary<string, Tensor> PyBridgeSafetensors(string path) => Safetensors.LoadStateDict(path);
}

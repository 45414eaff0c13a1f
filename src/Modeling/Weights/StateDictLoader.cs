using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Weights;

/// <summary>
/// Copies a checkpoint's tensors into a model by Hugging Face name. Accepts base-model checkpoints
/// (keys without the <c>bert.</c> prefix) as well as full classifier checkpoints, and the legacy
/// <c>gamma</c>/<c>beta</c> layer-norm names. Only the classification head (and a pooler that a
/// sentence-embedding export dropped) may be missing; anything else missing or misshapen is an error
/// naming the file and tensor.
/// </summary>
internal static class StateDictLoader
{
    private static readonly string[] MayBeNew = ["classifier.", "bert.pooler."];

    public static WeightLoadReport Load(nn.Module model, IReadOnlyDictionary<string, Tensor> checkpoint, string sourceFile, bool allowNewHead = true)
    {
        var normalized = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in checkpoint)
        {
            normalized[Normalize(key)] = value;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<string>();
        var loaded = 0;
        using (no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                if (!normalized.TryGetValue(name, out var source))
                {
                    if (allowNewHead && MayBeNew.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                    {
                        fresh.Add(name);
                        continue;
                    }

                    throw new InvalidDataException($"{sourceFile}: tensor '{name}' is missing from the checkpoint.");
                }

                if (!source.shape.SequenceEqual(parameter.shape))
                {
                    throw new InvalidDataException(
                        $"{sourceFile}: tensor '{name}' has shape [{string.Join(", ", source.shape)}] but the model expects [{string.Join(", ", parameter.shape)}].");
                }

                parameter.copy_(source.to_type(parameter.dtype));
                used.Add(name);
                loaded++;
            }
        }

        var unused = normalized.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        return new WeightLoadReport(loaded, fresh, unused);
    }

    private static string Normalize(string key)
    {
        var name = key.StartsWith("bert.", StringComparison.Ordinal) || key.StartsWith("classifier.", StringComparison.Ordinal) ? key : "bert." + key;
        if (name.EndsWith(".gamma", StringComparison.Ordinal))
        {
            name = name[..^".gamma".Length] + ".weight";
        }
        else if (name.EndsWith(".beta", StringComparison.Ordinal))
        {
            name = name[..^".beta".Length] + ".bias";
        }

        return name;
    }
}

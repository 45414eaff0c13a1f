using System.Text.Json.Nodes;
using Platform.Modeling.Bert;

namespace Platform.Modeling.BaseModels;

/// <summary>
/// Turns a base-model argument into a <see cref="BaseModel"/>: the built-in <c>minilm-l6</c>,
/// <c>tiny-random</c> for tests, or a folder in Hugging Face layout.
/// </summary>
public static class BaseModelResolver
{
    public const string MiniLmL6 = "minilm-l6";
    public const string TinyRandom = "tiny-random";

    /// <summary>Where the build puts the built-in models.</summary>
    public static string BuiltInRoot => Path.Combine(AppContext.BaseDirectory, "base-models");

    public static BaseModel Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        var builtIn = Path.Combine(BuiltInRoot, MiniLmL6);
        if (string.Equals(nameOrPath, MiniLmL6, StringComparison.OrdinalIgnoreCase))
        {
            var onnx = RequireFile(builtIn, "model.onnx", "the built-in MiniLM weights (rebuild the project to extract them)");
            var vocab = RequireFile(builtIn, "vocab.txt", "the built-in MiniLM vocabulary");
            return new BaseModel(MiniLmL6, BertConfig.MiniLmL6, vocab, LowerCase: true, BaseModelFormat.Onnx, onnx)
            {
                TrainedPooling = (BertConfig.MeanPoolingName, "all-MiniLM-L6-v2 is a sentence-transformers encoder trained to be read by the mean of its tokens; the pooler it carries was never trained for that"),
            };
        }

        if (string.Equals(nameOrPath, TinyRandom, StringComparison.OrdinalIgnoreCase))
        {
            var vocab = RequireFile(builtIn, "vocab.txt", "the built-in MiniLM vocabulary");
            return new BaseModel(TinyRandom, BertConfig.Tiny(BertConfig.MiniLmL6.VocabSize), vocab, LowerCase: true, BaseModelFormat.Random, null);
        }

        return ResolveFolder(nameOrPath);
    }

    /// <summary>
    /// The vocabulary of a base model and its casing, without requiring its weights: hosts that only tokenize (the
    /// Functions app) carry the built-in model's vocabulary, not its weights.
    /// </summary>
    public static (string VocabPath, bool LowerCase) ResolveVocabulary(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (string.Equals(nameOrPath, MiniLmL6, StringComparison.OrdinalIgnoreCase) || string.Equals(nameOrPath, TinyRandom, StringComparison.OrdinalIgnoreCase))
        {
            return (RequireFile(Path.Combine(BuiltInRoot, MiniLmL6), "vocab.txt", "the built-in MiniLM vocabulary"), true);
        }

        var model = ResolveFolder(nameOrPath);
        return (model.VocabPath, model.LowerCase);
    }

    private static BaseModel ResolveFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new BaseModelException($"Base model '{folder}' is neither a built-in model ({MiniLmL6}, {TinyRandom}) nor an existing folder.");
        }

        var configPath = RequireFile(folder, "config.json", "the model configuration");
        var vocab = RequireFile(folder, "vocab.txt", "the WordPiece vocabulary");
        BertConfig config;
        try
        {
            config = BertConfig.Load(configPath);
        }
        catch (InvalidDataException ex)
        {
            throw new BaseModelException(ex.Message, ex);
        }

        var safetensors = Path.Combine(folder, "model.safetensors");
        var pickle = Path.Combine(folder, "pytorch_model.bin");
        var (format, weights) = File.Exists(safetensors) ? (BaseModelFormat.Safetensors, safetensors)
            : File.Exists(pickle) ? (BaseModelFormat.PyTorchPickle, pickle)
            : throw new BaseModelException($"{folder} has no weights: expected model.safetensors or pytorch_model.bin.");
        return new BaseModel(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), config, vocab, ReadLowerCase(folder), format, weights)
        {
            TrainedPooling = ReadTrainedPooling(folder, config),
        };
    }

    /// <summary>What the folder says its encoder is read by: our own packages' <c>classifier_pooling</c>, or a sentence-transformers pooling module.</summary>
    private static (string Mode, string Reason)? ReadTrainedPooling(string folder, BertConfig config)
    {
        if (config.ClassifierPooling is { } configured)
        {
            return (configured, $"the base model's config.json sets classifier_pooling '{configured}'");
        }

        return ReadOptionalJson(Path.Combine(folder, "1_Pooling", "config.json"), "boolean pooling_mode_* flags", node =>
        {
            bool Flag(string name) => node?[name]?.GetValue<bool>() ?? false;
            return Flag("pooling_mode_mean_tokens") ? (BertConfig.MeanPoolingName, "the base model is a sentence-transformers encoder whose 1_Pooling/config.json reads the mean of its tokens")
                : Flag("pooling_mode_cls_token") ? (BertConfig.ClsPoolingName, "the base model is a sentence-transformers encoder whose 1_Pooling/config.json reads its [CLS] token")
                : ((string Mode, string Reason)?)null;
        });
    }

    private static bool ReadLowerCase(string folder) =>
        ReadOptionalJson(Path.Combine(folder, "tokenizer_config.json"), "a boolean do_lower_case", node => node?["do_lower_case"]?.GetValue<bool>()) ?? true;

    /// <summary>
    /// What <paramref name="read"/> takes from the JSON file at <paramref name="path"/>, or the default of
    /// <typeparamref name="T"/> when there is no such file; a file that is not JSON with <paramref name="expected"/> fails naming it.
    /// </summary>
    private static T? ReadOptionalJson<T>(string path, string expected, Func<JsonNode?, T?> read)
    {
        if (!File.Exists(path))
        {
            return default;
        }

        try
        {
            return read(JsonNode.Parse(File.ReadAllText(path)));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new BaseModelException($"{path} is not valid JSON with {expected}: {ex.Message}", ex);
        }
    }

    private static string RequireFile(string folder, string name, string what)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new BaseModelException($"{path} is missing ({what}).");
    }
}

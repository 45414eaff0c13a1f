using System.Text.Json;
using Platform.Modeling.Bert;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Tokenization;

namespace Platform.Modeling.Packaging;

/// <summary>
/// A trained model as a folder that Hugging Face transformers can also load: <c>model.safetensors</c>
/// (BertForSequenceClassification names), <c>config.json</c> with id2label/label2id, <c>vocab.txt</c>; the same network
/// as ONNX graphs any runtime loads (<c>model.onnx</c> fp32, <c>model.int8.onnx</c> dynamically quantized), which is
/// what serving runs; plus <c>labels.json</c>, <c>training.json</c>, <c>metrics.json</c>, <c>inference.json</c> and a
/// <c>manifest.json</c> of SHA-256 hashes checked on every load.
/// </summary>
public sealed class ModelPackage
{
    public const string WeightsFile = "model.safetensors";
    public const string ConfigFile = "config.json";
    public const string VocabFile = "vocab.txt";
    public const string LabelsFile = "labels.json";
    public const string TrainingFile = "training.json";
    public const string MetricsFile = "metrics.json";
    public const string InferenceFile = "inference.json";
    public const string TokenizerConfigFile = "tokenizer_config.json";
    public const string OnnxFile = "model.onnx";
    public const string OnnxInt8File = "model.int8.onnx";

    private ModelPackage(string directory, BertConfig config, PackageLabels labels, InferencePrecision? inference, PackageManifest manifest, bool lowerCase)
    {
        Directory = directory;
        Config = config;
        Labels = labels;
        Inference = inference;
        Manifest = manifest;
        LowerCase = lowerCase;
    }

    public string Directory { get; }

    public BertConfig Config { get; }

    public PackageLabels Labels { get; }

    public InferencePrecision? Inference { get; }

    public PackageManifest Manifest { get; }

    public bool LowerCase { get; }

    /// <summary>Opens a package after verifying every file against its manifest.</summary>
    public static ModelPackage Open(string directory)
    {
        var manifest = PackageManifestIO.Verify(directory);
        var config = BertConfig.Load(Path.Combine(directory, ConfigFile));
        var labels = Read<PackageLabels>(directory, LabelsFile) ?? throw new ModelPackageException($"{LabelsFile} is empty.", Path.Combine(directory, LabelsFile));
        var inference = File.Exists(Path.Combine(directory, InferenceFile)) ? Read<InferencePrecision>(directory, InferenceFile) : null;
        var lowerCase = !File.Exists(Path.Combine(directory, TokenizerConfigFile))
            || JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, TokenizerConfigFile))).RootElement.GetProperty("do_lower_case").GetBoolean();
        return new ModelPackage(directory, config, labels, inference, manifest, lowerCase);
    }

    internal WordPieceTokenizer CreateTokenizer() => WordPieceTokenizer.FromVocabFile(Path.Combine(Directory, VocabFile), LowerCase);

    /// <summary>Writes the metrics and the serving choice, then seals the folder with a manifest of every file.</summary>
    internal static void Seal(string directory, object metrics, InferencePrecision inference, DateTimeOffset createdAt)
    {
        WriteJson(directory, MetricsFile, metrics);
        WriteJson(directory, InferenceFile, inference);
        PackageManifestIO.Write(directory, createdAt);
    }

    /// <summary>
    /// Writes <c>model.onnx</c> and <c>model.int8.onnx</c> from the folder's <c>model.safetensors</c> and <c>config.json</c>
    /// (read back from disk, so the graphs hold exactly the weights the package stores).
    /// </summary>
    internal static void ExportOnnx(string directory)
    {
        var config = BertConfig.Load(Path.Combine(directory, ConfigFile));
        var weights = Onnx.SafetensorsReader.Read(Path.Combine(directory, WeightsFile));
        Onnx.BertOnnxExporter.Export(weights, config, Path.Combine(directory, OnnxFile), Onnx.OnnxWeights.Float32);
        Onnx.BertOnnxExporter.Export(weights, config, Path.Combine(directory, OnnxInt8File), Onnx.OnnxWeights.Int8);
    }

    /// <summary>
    /// Adds the ONNX exports to a package made before they existed (<c>runner export</c>): verified first, exported, its
    /// serving choice reset to fp32 (int8 was not measured: there is no validation split here), sealed again.
    /// </summary>
    public static void AddOnnxExports(string directory)
    {
        var package = Open(directory);
        ExportOnnx(directory);
        WriteJson(directory, InferenceFile, InferencePrecision.Unmeasured);
        PackageManifestIO.Write(directory, package.Manifest.CreatedAt);
    }

    /// <summary>The graph file of a serving precision: <c>model.int8.onnx</c> for int8, <c>model.onnx</c> otherwise.</summary>
    public static string OnnxFileFor(string precision) => precision == InferencePrecision.Int8 ? OnnxInt8File : OnnxFile;

    internal static void WriteJson<T>(string directory, string name, T value) => File.WriteAllText(Path.Combine(directory, name), MetricsJson.Serialize(value));

    private static T? Read<T>(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        try
        {
            return MetricsJson.Deserialize<T>(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new ModelPackageException($"{name} is not valid: {ex.Message}", path);
        }
    }
}

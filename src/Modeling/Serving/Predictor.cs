using Platform.Modeling.Bert;
using Platform.Modeling.Packaging;
using Platform.Modeling.Tokenization;
using Platform.Modeling.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Serving;

/// <summary>
/// Serves one model package: loaded once, safe to call from many threads (forward passes are
/// serialised; libtorch already spreads each one over all cores), batched with dynamic padding,
/// long inputs truncated to the model's maximum length.
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly BertForSequenceClassification _model;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly Device _device;
    private readonly Lock _gate = new();
    private readonly int _maxLength;
    private readonly int _batchSize;

    private Predictor(ModelPackage package, BertForSequenceClassification model, WordPieceTokenizer tokenizer, PredictorOptions options, string precision)
    {
        Package = package;
        _model = model;
        _tokenizer = tokenizer;
        _device = DeviceSelector.Resolve(options.Device);
        _maxLength = Math.Min(options.MaxLength, package.Config.MaxPositionEmbeddings);
        _batchSize = options.BatchSize;
        Precision = precision;
        _model.to(_device);
        if (precision == InferencePrecision.Bf16)
        {
            _model.to(ScalarType.BFloat16);
        }
    }

    public ModelPackage Package { get; }

    /// <summary>The precision in use: <c>fp32</c> or <c>bf16</c>.</summary>
    public string Precision { get; }

    public IReadOnlyList<string> Labels => Package.Labels.Labels;

    public static Predictor Load(string packageDirectory, PredictorOptions? options = null)
    {
        options ??= new PredictorOptions();
        var package = ModelPackage.Open(packageDirectory);
        var precision = options.Precision switch
        {
            "fp32" => InferencePrecision.Fp32,
            "bf16" => InferencePrecision.Bf16,
            _ => package.Inference?.Precision == InferencePrecision.Bf16 && CpuFeatures.SupportsBf16 ? InferencePrecision.Bf16 : InferencePrecision.Fp32,
        };
        return new Predictor(package, package.CreateModel(), package.CreateTokenizer(), options, precision);
    }

    public Prediction Predict(string text) => Predict([text])[0];

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var sequences = texts.Select(t => _tokenizer.Encode(t ?? "", _maxLength)).ToArray();
        return [.. Probabilities(sequences).Select(Decide)];
    }

    /// <summary>Per-label probabilities for already-tokenized sequences.</summary>
    internal float[][] Probabilities(IReadOnlyList<int[]> sequences)
    {
        lock (_gate)
        {
            return ModelScorer.Probabilities(_model, sequences, _batchSize, _tokenizer.PadId, Package.Labels.MultiLabel, _device);
        }
    }

    internal WordPieceTokenizer Tokenizer => _tokenizer;

    internal int MaxLength => _maxLength;

    public void Dispose() => _model.Dispose();

    private Prediction Decide(float[] probabilities)
    {
        var labels = Package.Labels;
        var scores = new Dictionary<string, float>(labels.Labels.Count, StringComparer.Ordinal);
        for (var i = 0; i < labels.Labels.Count; i++)
        {
            scores[labels.Labels[i]] = probabilities[i];
        }

        if (!labels.MultiLabel)
        {
            var top = labels.Labels[ValidationScorer.ArgMax(probabilities)];
            return new Prediction(top, [top], scores);
        }

        var thresholds = labels.Thresholds;
        var chosen = labels.Labels.Where((_, i) => probabilities[i] >= (thresholds is null ? 0.5f : thresholds[i])).ToList();
        return new Prediction(chosen.Count > 0 ? chosen[0] : null, chosen, scores);
    }
}

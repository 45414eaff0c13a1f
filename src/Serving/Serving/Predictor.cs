using Platform.Modeling.Packaging;
using Platform.Modeling.Tokenization;
using Platform.Modeling.Training;

namespace Platform.Modeling.Serving;

/// <summary>
/// Serves one model package through ONNX Runtime: the exported graph the package chose (<c>inference.json</c>: int8 where
/// it measured within half a point of fp32) is loaded once; safe to call from many threads at once (sessions are
/// thread-safe), batched with dynamic padding, long inputs truncated to the model's maximum length.
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly OnnxScorer _scorer;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly int _maxLength;
    private readonly int _batchSize;
    private readonly MicroBatcher<string, Prediction> _coalescer;

    private Predictor(ModelPackage package, OnnxScorer scorer, WordPieceTokenizer tokenizer, PredictorOptions options, string precision)
    {
        Package = package;
        _scorer = scorer;
        _tokenizer = tokenizer;
        _maxLength = Math.Min(options.MaxLength, package.Config.MaxPositionEmbeddings);
        _batchSize = options.BatchSize;
        Precision = precision;
        // As many coalescing loops as the scorer runs passes at once; each loop scores its pass on one thread.
        _coalescer = new MicroBatcher<string, Prediction>(texts => Predict(texts, parallel: false), options.MaxCoalescedTexts, concurrency: scorer.Passes);
    }

    public ModelPackage Package { get; }

    /// <summary>The graph in use: <c>fp32</c> (<c>model.onnx</c>) or <c>int8</c> (<c>model.int8.onnx</c>).</summary>
    public string Precision { get; }

    public IReadOnlyList<string> Labels => Package.Labels.Labels;

    /// <summary>Opens and verifies the package and loads its graph; a package without ONNX exports fails naming the command that adds them.</summary>
    public static Predictor Load(string packageDirectory, PredictorOptions? options = null)
    {
        options ??= new PredictorOptions();
        var package = ModelPackage.Open(packageDirectory);
        var fp32File = Path.Combine(packageDirectory, ModelPackage.OnnxFile);
        if (!File.Exists(fp32File))
        {
            throw new ModelPackageException(
                $"The model package {packageDirectory} has no {ModelPackage.OnnxFile}: it was made before packages carried ONNX exports. Add them with `runner export --model {packageDirectory}`.",
                fp32File) { MissingOnnx = true };
        }

        var precision = options.Precision switch
        {
            InferencePrecision.Fp32 => InferencePrecision.Fp32,
            InferencePrecision.Int8 => InferencePrecision.Int8,
            _ => package.Inference?.Precision == InferencePrecision.Int8 ? InferencePrecision.Int8 : InferencePrecision.Fp32,
        };
        var file = Path.Combine(packageDirectory, ModelPackage.OnnxFileFor(precision));
        if (!File.Exists(file))
        {
            throw new ModelPackageException($"The model package {packageDirectory} has no {Path.GetFileName(file)}; add it with `runner export --model {packageDirectory}`.", file) { MissingOnnx = true };
        }

        return new Predictor(package, new OnnxScorer(file, options.Threads, options.Passes), package.CreateTokenizer(), options, precision);
    }

    public Prediction Predict(string text) => Predict([text])[0];

    /// <summary>
    /// Predicts through the request coalescer: concurrent calls are scored together in one pass (see
    /// <see cref="MicroBatcher{TIn, TOut}"/>), which is how a server should call the predictor.
    /// </summary>
    public Task<IReadOnlyList<Prediction>> PredictAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        _coalescer.RunAsync(texts, cancellationToken);

    /// <summary>Passes made by the coalescer so far.</summary>
    public long CoalescedPasses => _coalescer.Calls;

    /// <summary>Scores <paramref name="texts"/> now, its batches spread over the scorer's concurrent passes.</summary>
    public IReadOnlyList<Prediction> Predict(IReadOnlyList<string> texts) => Predict(texts, parallel: true);

    /// <summary>Per-label probabilities for already-tokenized sequences.</summary>
    internal float[][] Probabilities(IReadOnlyList<int[]> sequences, bool parallel = true) =>
        _scorer.Probabilities(sequences, _batchSize, _tokenizer.PadId, Package.Labels.MultiLabel, parallel);

    private Prediction[] Predict(IReadOnlyList<string> texts, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var sequences = texts.Select(t => _tokenizer.Encode(t ?? "", _maxLength)).ToArray();
        return [.. Probabilities(sequences, parallel).Select(Decide)];
    }

    internal WordPieceTokenizer Tokenizer => _tokenizer;

    internal int MaxLength => _maxLength;

    public void Dispose()
    {
        _coalescer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _scorer.Dispose();
    }

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

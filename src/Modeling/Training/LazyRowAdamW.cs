using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>
/// AdamW for the word embedding that updates only the rows a step's batches looked up: their first and second moments,
/// the decoupled weight decay and the weight itself, with the bias correction of the step count. The embedding's
/// gradient is zero outside those rows, so AdamW over the whole matrix (30,522 × 384 in MiniLM, half the model) spends
/// most of its work on rows that did not change; this spends it on the few hundred that did. The gradient may be dense
/// or sparse (the embedding's own, one entry per token looked up, repeated rows and accumulated batches included). Rows no batch
/// used keep their moments as they were (the "lazy" reading of Adam). The moments and the step count travel in
/// checkpoints, so a resumed run continues exactly.
/// </summary>
internal sealed class LazyRowAdamW : IDisposable
{
    public const string StateFile = "embedding_optimizer.safetensors";
    private const string ExpAvgKey = "exp_avg";
    private const string ExpAvgSqKey = "exp_avg_sq";
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly Parameter _weight;
    private readonly double _weightDecay;
    private readonly Tensor _expAvg;
    private readonly Tensor _expAvgSq;

    public LazyRowAdamW(Parameter weight, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(weight);
        _weight = weight;
        _weightDecay = weightDecay;
        _expAvg = zeros_like(weight).requires_grad_(false);
        _expAvgSq = zeros_like(weight).requires_grad_(false);
    }

    /// <summary>Optimizer steps taken (the bias correction's count).</summary>
    public int Steps { get; private set; }

    /// <summary>
    /// The L2 norm of the gradient's <paramref name="rows"/>: the whole gradient's norm when they are every row a batch
    /// looked up (the rest are zero), without reading the rest of the matrix.
    /// </summary>
    public Tensor GradientNorm(Tensor rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        return (_weight.grad is { } grad ? RowGradient(grad, rows).norm() : zeros(1, device: _weight.device).squeeze()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One AdamW step on <paramref name="rows"/> (distinct row indices, int64 on the weight's device), their gradient
    /// multiplied by <paramref name="gradientScale"/> (clipping); clears their gradient (a sparse one is dropped).
    /// </summary>
    public void Step(Tensor rows, double learningRate, double gradientScale = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_weight.grad is not { } grad)
        {
            return;
        }

        Steps++;
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var g = RowGradient(grad, rows);
        if (gradientScale != 1)
        {
            g.mul_(gradientScale);
        }
        var m = _expAvg.index_select(0, rows).mul_(Beta1).add_(g, alpha: 1 - Beta1);
        var v = _expAvgSq.index_select(0, rows).mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
        var correction1 = 1 - Math.Pow(Beta1, Steps);
        var correction2 = 1 - Math.Pow(Beta2, Steps);
        var denominator = (v / correction2).sqrt_().add_(Epsilon);
        var w = _weight.index_select(0, rows).mul_(1 - learningRate * _weightDecay).addcdiv_(m, denominator, value: -learningRate / correction1);
        _expAvg.index_copy_(0, rows, m);
        _expAvgSq.index_copy_(0, rows, v);
        _weight.index_copy_(0, rows, w);
        if (grad.is_sparse)
        {
            _weight.grad = null;
        }
        else
        {
            grad.index_fill_(0, rows, 0);
        }
    }

    /// <summary>
    /// The gradient of <paramref name="rows"/> (sorted, distinct), one row each: selected from a dense gradient, or the
    /// sum of a sparse one's entries per row (an uncoalesced sparse gradient repeats a row once per lookup).
    /// </summary>
    private static Tensor RowGradient(Tensor grad, Tensor rows)
    {
        if (!grad.is_sparse)
        {
            return grad.index_select(0, rows);
        }

        using var indices = grad.SparseIndices;
        using var values = grad.SparseValues;
        using var row = indices[0];
        using var positions = searchsorted(rows, row);
        return zeros(rows.shape[0], values.shape[1], dtype: values.dtype, device: values.device).index_add_(0, positions, values, alpha: 1);
    }

    public void Save(string directory) =>
        TrainingCheckpoint.SaveWeights(Path.Combine(directory, StateFile), new Dictionary<string, Tensor>(StringComparer.Ordinal) { [ExpAvgKey] = _expAvg, [ExpAvgSqKey] = _expAvgSq });

    /// <summary>Restores the moments a checkpoint saved and the step count its state recorded.</summary>
    public void Load(string directory, int steps)
    {
        var path = Path.Combine(directory, StateFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The checkpoint in {directory} has no {StateFile} for the lazily updated embedding.");
        }

        var saved = TorchSharp.PyBridge.Safetensors.LoadStateDict(path);
        using var guard = no_grad();
        _expAvg.copy_(saved[ExpAvgKey]);
        _expAvgSq.copy_(saved[ExpAvgSqKey]);
        foreach (var tensor in saved.Values)
        {
            tensor.Dispose();
        }

        Steps = steps;
    }

    public void Dispose()
    {
        _expAvg.Dispose();
        _expAvgSq.Dispose();
    }
}

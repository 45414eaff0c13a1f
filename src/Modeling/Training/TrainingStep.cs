using System.Diagnostics;
using Platform.Modeling.Bert;
using Platform.Modeling.Serving;
using Platform.Shared.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>
/// One optimizer step as the trainer runs it, for the trainer and the benchmarks alike: forward in the settled precision
/// (<see cref="MixedPrecision"/>; fp16 scales the loss), backward, then clipping and AdamW with no weight decay on biases
/// and layer norms, the word embedding updated lazily on the rows the step's batches used (<see cref="LazyRowAdamW"/>),
/// densely with the rest, or not at all (<see cref="TrainingOptions.EmbeddingUpdate"/>).
/// </summary>
internal sealed class TrainingStep : IDisposable
{
    /// <summary>The word embedding's parameter name ends so, whatever the model's prefix.</summary>
    public const string WordEmbeddingName = "embeddings.word_embeddings.weight";

    private readonly TrainingOptions _options;
    private readonly Device _device;
    private readonly int _padId;
    private readonly ScalarType? _compute;
    private readonly List<Parameter> _trained;
    private readonly SortedSet<long> _touched = [];
    private readonly FusedAdamW? _fused;
    private readonly Parameter _wordEmbedding;

    /// <param name="model">The classifier to train, already on <paramref name="device"/>.</param>
    /// <param name="options">The training options (precision, embedding update, weight decay, clipping).</param>
    /// <param name="learningRate">The initial learning rate.</param>
    /// <param name="device">Where the batches go.</param>
    /// <param name="padId">The padding token id.</param>
    /// <param name="fuse">Use the fused AdamW with clipping folded in where the parameters allow it (CPU, fp32); false
    /// keeps libtorch's clipping and TorchSharp's AdamW, the reference the fused step is tested against.</param>
    public TrainingStep(BertForSequenceClassification model, TrainingOptions options, double learningRate, Device device, int padId, bool fuse = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        (_options, _device, _padId) = (options, device, padId);
        (Precision, _) = PrecisionPolicy.Settle(options.Precision, device.type, CpuFeatures.Bf16Flag);
        _compute = PrecisionPolicy.ComputeType(Precision);

        _wordEmbedding = model.named_parameters().Single(p => p.name.EndsWith(WordEmbeddingName, StringComparison.Ordinal)).parameter;
        _wordEmbedding.requires_grad = options.EmbeddingUpdate != EmbeddingUpdate.Frozen;
        Lazy = options.EmbeddingUpdate == EmbeddingUpdate.Lazy ? new LazyRowAdamW(_wordEmbedding, options.WeightDecay) : null;
        var dense = model.named_parameters()
            .Where(p => options.EmbeddingUpdate == EmbeddingUpdate.Dense || !p.name.EndsWith(WordEmbeddingName, StringComparison.Ordinal)).ToList();
        Optimizer = optim.AdamW(
            [
                new AdamW.ParamGroup(dense.Where(p => !IsNoDecay(p.name)).Select(p => p.parameter), new AdamW.Options { weight_decay = options.WeightDecay }),
                new AdamW.ParamGroup(dense.Where(p => IsNoDecay(p.name)).Select(p => p.parameter), new AdamW.Options { weight_decay = 0 }),
            ],
            lr: learningRate);
        _trained = [.. model.parameters().Where(p => p.requires_grad)];
        _fused = fuse && FusedAdamW.Supports(dense.Select(p => p.parameter)) ? new FusedAdamW(Optimizer) : null;
        Model = model;
        Scaler = Precision == TrainingPrecision.Fp16 ? new LossScaler(LossScaler.Initial) : null;
    }

    public BertForSequenceClassification Model { get; }

    /// <summary>The precision matrix products run in (settled: never <c>auto</c>).</summary>
    public TrainingPrecision Precision { get; }

    /// <summary>AdamW over every trained parameter but a lazily updated or frozen word embedding.</summary>
    public AdamW Optimizer { get; }

    /// <summary>The word embedding's rows-only AdamW, when <see cref="EmbeddingUpdate.Lazy"/>.</summary>
    public LazyRowAdamW? Lazy { get; }

    /// <summary>Time spent in forward, backward and the optimizers over this instance's steps so far.</summary>
    public StepTimes Times { get; private set; }

    /// <summary>fp16 loss scaling, when the precision is fp16.</summary>
    public LossScaler? Scaler { get; private set; }

    /// <summary>Restores fp16 loss scaling's state from a checkpoint.</summary>
    public void RestoreScale(LossScaleState? state)
    {
        if (Scaler is not null && state is not null)
        {
            Scaler = new LossScaler(state);
        }
    }

    /// <summary>
    /// Forward (matrix products in the step's precision; logits and loss in fp32) and backward of one batch, its gradient
    /// divided by <paramref name="accumulation"/>; returns the unscaled loss. Padded to <paramref name="padTo"/> when set.
    /// </summary>
    public double Forward(EncodedExample[] batch, int labelCount, bool multiLabel, Tensor? lossWeights, int accumulation = 1, int? padTo = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var (ids, mask) = BatchCollator.Inputs([.. batch.Select(e => e.InputIds)], _padId, _device);
        if (padTo is { } length && length > ids.shape[1])
        {
            ids = nn.functional.pad(ids, [0, length - ids.shape[1]], value: _padId);
            mask = nn.functional.pad(mask, [0, length - mask.shape[1]], value: 0);
        }

        if (Lazy is not null)
        {
            foreach (var id in batch.SelectMany(e => e.InputIds))
            {
                _touched.Add(id);
            }
        }

        var targets = BatchCollator.Targets(batch, labelCount, multiLabel, _device);
        var start = Stopwatch.GetTimestamp();
        Tensor logits;
        using (MixedPrecision.Enter(_compute))
        {
            logits = Model.forward(ids, mask);
        }

        var loss = LossFunctions.Compute(logits, targets, multiLabel, lossWeights);
        var value = loss.item<float>();
        var forwardEnd = Stopwatch.GetTimestamp();
        var objective = loss / accumulation;
        (Scaler is null ? objective : Scaler.Scale(objective)).backward();
        Times = Times with { Forward = Times.Forward + Stopwatch.GetElapsedTime(start, forwardEnd), Backward = Times.Backward + Stopwatch.GetElapsedTime(forwardEnd) };
        return value;
    }

    /// <summary>Clips and applies the accumulated gradients at <paramref name="learningRate"/>; false when fp16 skipped an overflowed step.</summary>
    public bool Apply(double learningRate)
    {
        var start = Stopwatch.GetTimestamp();
        using var rows = Lazy is null ? null : tensor(_touched.ToArray(), device: _device);
        _touched.Clear();
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        bool apply;
        var fused = Scaler is null ? _fused : null;
        if (!(fused is not null && Lazy is not null) && _wordEmbedding.grad is { is_sparse: true } sparse)
        {
            // The embedding's gradient is sparse (BertEmbeddings); only the fused step's lazy update reads it by rows,
            // while clipping, loss scaling and a dense update take the whole matrix.
            using (sparse)
            {
                _wordEmbedding.grad = sparse.to_dense();
            }
        }

        if (fused is not null)
        {
            // Clipping folded into the fused pass: the norm is read here, the scale applied where AdamW reads each gradient.
            var scale = ClipScale(rows);
            fused.Step(scale);
            Lazy?.Step(rows!, learningRate, scale);
            apply = true;
        }
        else
        {
            apply = Scaler?.UnscaleAndClip(_trained, _options.MaxGradNorm) ?? Clip();
            if (apply)
            {
                Optimizer.step();
                Lazy?.Step(rows!, learningRate);
            }
        }

        // Gradients are dropped rather than zeroed: the next backward then hands its fresh gradients over instead of
        // adding them into zeroed buffers (for the word embedding that saves two passes over a 30,522-row matrix).
        foreach (var parameter in _trained)
        {
            parameter.grad = null;
        }

        Times = Times with { Optimizer = Times.Optimizer + Stopwatch.GetElapsedTime(start) };
        return apply;
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Lazy?.Dispose();
    }

    private bool Clip()
    {
        nn.utils.clip_grad_norm_(_trained, _options.MaxGradNorm);
        return true;
    }

    /// <summary>
    /// What <c>clip_grad_norm_</c> would multiply every gradient by (max norm over total norm, at most 1), the lazily
    /// updated embedding's part of the norm read from the rows the step's batches used.
    /// </summary>
    private double ClipScale(Tensor? rows)
    {
        using var scope = NewDisposeScope();
        var norms = new List<Tensor>();
        foreach (var parameter in Optimizer.ParamGroups.Cast<AdamW.ParamGroup>().SelectMany(g => g.Parameters))
        {
            if (parameter.grad is { } grad)
            {
                norms.Add(grad.norm());
            }
        }

        if (Lazy is not null && rows is not null)
        {
            norms.Add(Lazy.GradientNorm(rows));
        }

        var total = norms.Count == 0 ? 0 : stack(norms).norm().item<float>();
        return Math.Min(1, _options.MaxGradNorm / (total + 1e-6));
    }

    private static bool IsNoDecay(string name) => name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("LayerNorm", StringComparison.Ordinal);
}

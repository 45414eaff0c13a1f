using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>Multi-head self-attention over <c>scaled_dot_product_attention</c>.</summary>
internal sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are checkpoint keys.
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly int _headSize;
    private readonly double _dropout;

    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        _heads = config.NumAttentionHeads;
        _headSize = config.HeadSize;
        _dropout = config.AttentionProbsDropoutProb;
        RegisterComponents();
    }

    /// <param name="hidden">[batch, sequence, hidden]</param>
    /// <param name="attentionMask">Boolean [batch, 1, 1, sequence], true where a token may be attended to; null when nothing is padded.</param>
    public override Tensor forward(Tensor hidden, Tensor? attentionMask)
    {
        using var scope = NewDisposeScope();
        var batch = hidden.shape[0];
        var length = hidden.shape[1];
        // One matrix product for the three projections (their weights side by side), cast once in mixed precision.
        var weight = cat([query.weight!, key.weight!, value.weight!]);
        var bias = cat([query.bias!, key.bias!, value.bias!]);
        var qkv = MixedPrecision.Linear(hidden, weight, bias).view(batch, length, 3, _heads, _headSize).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        var context = training && _dropout > 0 && hidden.device_type == DeviceType.CPU
            ? AttendWithDropout(q, k, v, attentionMask)
            : nn.functional.scaled_dot_product_attention(q, k, v, attentionMask, training ? _dropout : 0.0);
        return context.transpose(1, 2).reshape(batch, length, _heads * _headSize).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Attention written out for CPU training, where libtorch's fused kernels do not take dropout and its fallback draws
    /// the probabilities' mask element by element: scores in the compute type, softmax in fp32, <see cref="FastDropout"/>.
    /// </summary>
    private Tensor AttendWithDropout(Tensor q, Tensor k, Tensor v, Tensor? attentionMask)
    {
        var scores = MixedPrecision.Full(matmul(q, k.transpose(2, 3))).mul_(1.0 / Math.Sqrt(_headSize));
        if (attentionMask is not null)
        {
            scores = scores.masked_fill(attentionMask.logical_not(), float.NegativeInfinity);
        }

        var probabilities = FastDropout.Apply(scores.softmax(-1), _dropout, training: true);
        return matmul(MixedPrecision.ToCompute(probabilities), v);
    }
}

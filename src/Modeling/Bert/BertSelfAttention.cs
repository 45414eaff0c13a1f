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
        // Cast once for the three projections (a no-op outside a mixed-precision scope).
        var input = MixedPrecision.ToCompute(hidden);
        var q = SplitHeads(MixedPrecision.Linear(query, input), batch, length);
        var k = SplitHeads(MixedPrecision.Linear(key, input), batch, length);
        var v = SplitHeads(MixedPrecision.Linear(value, input), batch, length);
        var context = nn.functional.scaled_dot_product_attention(q, k, v, attentionMask, training ? _dropout : 0.0);
        return context.transpose(1, 2).reshape(batch, length, _heads * _headSize).MoveToOuterDisposeScope();
    }

    private Tensor SplitHeads(Tensor x, long batch, long length) => x.view(batch, length, _heads, _headSize).transpose(1, 2);
}

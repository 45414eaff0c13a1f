using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>Self-attention followed by its residual output block.</summary>
internal sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are checkpoint keys; "self" is HF's name.
    private readonly BertSelfAttention self;
    private readonly BertResidualOutput output;
#pragma warning restore IDE1006

    public BertAttention(BertConfig config) : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(config);
        output = new BertResidualOutput(config, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor? attentionMask)
    {
        using var scope = NewDisposeScope();
        return output.forward(self.forward(hidden, attentionMask), hidden).MoveToOuterDisposeScope();
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>Projection, dropout and residual layer norm: HF's BertSelfOutput and BertOutput share this shape.</summary>
internal sealed class BertResidualOutput : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are checkpoint keys.
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly FastDropout dropout;
#pragma warning restore IDE1006

    public BertResidualOutput(BertConfig config, int inputSize) : base(nameof(BertResidualOutput))
    {
        dense = nn.Linear(inputSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = new FastDropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor residual)
    {
        using var scope = NewDisposeScope();
        // The residual stream and its layer norm stay fp32 under mixed precision.
        return LayerNorm.forward(MixedPrecision.Full(dropout.forward(MixedPrecision.Linear(dense, hidden))) + residual).MoveToOuterDisposeScope();
    }
}

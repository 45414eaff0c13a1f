using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>The feed-forward expansion with its activation.</summary>
internal sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are checkpoint keys.
    private readonly Linear dense;
#pragma warning restore IDE1006
    private readonly string _activation;

    public BertIntermediate(BertConfig config) : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        _activation = config.HiddenAct;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var projected = MixedPrecision.Linear(dense, hidden);
        var activated = _activation switch
        {
            "relu" => nn.functional.relu(projected),
            "gelu_new" => nn.functional.gelu(projected, GELU.Approximate.tanh),
            _ => nn.functional.gelu(projected),
        };
        return activated.MoveToOuterDisposeScope();
    }
}

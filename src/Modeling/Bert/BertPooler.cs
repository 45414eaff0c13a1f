using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>Tanh projection of the [CLS] position.</summary>
internal sealed class BertPooler : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are checkpoint keys.
    private readonly Linear dense;
#pragma warning restore IDE1006

    public BertPooler(BertConfig config) : base(nameof(BertPooler))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return tanh(MixedPrecision.Linear(dense, hidden[.., 0])).MoveToOuterDisposeScope();
    }
}

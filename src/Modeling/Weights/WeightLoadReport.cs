using Platform.Modeling.BaseModels;

namespace Platform.Modeling.Weights;

/// <summary>What a weight import did: tensors loaded, parameters left newly initialized, checkpoint keys not used.</summary>
public sealed record WeightLoadReport(int Loaded, IReadOnlyList<string> NewlyInitialized, IReadOnlyList<string> Unused)
{
    /// <summary>The head's pooling and why it was chosen.</summary>
    public PoolingChoice? Pooling { get; init; }
}

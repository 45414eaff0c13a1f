namespace Platform.Modeling.Weights;

/// <summary>What a weight import did: tensors loaded, parameters left newly initialized, checkpoint keys not used.</summary>
public sealed record WeightLoadReport(int Loaded, IReadOnlyList<string> NewlyInitialized, IReadOnlyList<string> Unused);

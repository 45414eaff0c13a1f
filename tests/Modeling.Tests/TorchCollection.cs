namespace Platform.Modeling.Tests;

/// <summary>
/// Tests that train or seed TorchSharp share libtorch's process-wide default generator (dropout draws
/// from it), so they run one at a time: a concurrent run would consume random numbers and break the
/// exact-resume comparison.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "TorchSharp training";
}

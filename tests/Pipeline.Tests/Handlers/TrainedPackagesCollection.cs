namespace Platform.Pipeline.Tests.Handlers;

/// <summary>Model handler tests share the packages trained once by <see cref="TrainedPackagesFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TrainedPackagesCollection : ICollectionFixture<TrainedPackagesFixture>
{
    public const string Name = "Trained model packages";
}

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>Service tests share one broker and run one at a time (training uses every core).</summary>
[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<ServiceEnvironment>
{
    public const string Name = "Runner service";
}

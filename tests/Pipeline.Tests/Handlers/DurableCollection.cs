namespace Platform.Pipeline.Tests.Handlers;

/// <summary>Job handler tests share one Durable Task test host.</summary>
[CollectionDefinition(Name)]
public sealed class DurableCollection : ICollectionFixture<DurableHostFixture>
{
    public const string Name = "Durable Task test host";
}

namespace Platform.Pipeline.Tests.Orchestration;

/// <summary>The tests that share one <see cref="PipelineFixture"/> run one after another (they share a Service Bus queue).</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "Pipeline";
}

using Microsoft.DurableTask;

namespace Platform.Pipeline.Tests.Orchestration;

/// <summary>Runs an activity directly, outside a worker.</summary>
internal sealed class TestActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name => name;

    public override string InstanceId => instanceId;
}

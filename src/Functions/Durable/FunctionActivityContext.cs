using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Platform.Functions.Durable;

/// <summary>The activity context the Pipeline's class-based activities expect, built from the function's own context.</summary>
internal sealed class FunctionActivityContext(string name, FunctionContext function) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Platform.DevHost.Functions;

/// <summary>
/// Registers the Functions app's orchestrator and activity functions with DevHost's Durable Task worker, under their
/// function names, so the orchestrator's <c>CallActivityAsync(nameof(...))</c> reaches the same function classes it
/// reaches in Azure.
/// </summary>
public static class DurableFunctionTasks
{
    public static DurableTaskRegistry AddFunctionTasks(this DurableTaskRegistry registry, FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var function in catalog.WithTrigger<OrchestrationTriggerAttribute>())
        {
            if (!function.Method.IsStatic)
            {
                throw new InvalidOperationException($"Orchestrator function '{function.Name}' must be static: orchestrators take no services.");
            }

            registry.AddOrchestrator(function.Name, () => new FunctionOrchestrator(function));
        }

        foreach (var function in catalog.WithTrigger<ActivityTriggerAttribute>())
        {
            registry.AddActivity(function.Name, services => new FunctionActivity(function, services.GetRequiredService<FunctionInvoker>()));
        }

        return registry;
    }

    private sealed class FunctionOrchestrator(FunctionDescriptor function) : ITaskOrchestrator
    {
        public Type InputType { get; } = FunctionCatalog.OrchestrationInputType(function) ?? typeof(object);

        public Type OutputType { get; } = function.ResultType ?? typeof(object);

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            FunctionInvoker.InvokeStaticAsync(function, new InvocationInputs(context, CancellationToken.None)
            {
                OrchestrationInput = input,
                BindingData = new Dictionary<string, object?> { ["instanceId"] = context.InstanceId },
            });
    }

    private sealed class FunctionActivity(FunctionDescriptor function, FunctionInvoker invoker) : ITaskActivity
    {
        public Type InputType { get; } = function.TriggerParameter.ParameterType;

        public Type OutputType { get; } = function.ResultType ?? typeof(object);

        public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
            invoker.InvokeAsync(function, new InvocationInputs(input, CancellationToken.None)
            {
                BindingData = new Dictionary<string, object?> { ["instanceId"] = context.InstanceId, ["name"] = context.Name.Name },
            });
    }
}

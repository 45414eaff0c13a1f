using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Platform.DevHost.Functions;

/// <summary>
/// Calls a function method as the isolated worker does: a DI scope per invocation, the function class made by
/// <see cref="ActivatorUtilities"/> from it, each parameter bound from the invocation, the returned task awaited.
/// Binds only what the Functions app's functions use: the trigger value, <c>[DurableClient]</c>, string binding data,
/// the orchestration input, <see cref="FunctionContext"/> and <see cref="CancellationToken"/>.
/// </summary>
public sealed class FunctionInvoker(IServiceProvider services)
{
    /// <summary>Runs <paramref name="function"/>; returns what its task completed with (null for a plain <see cref="Task"/>).</summary>
    public async Task<object?> InvokeAsync(FunctionDescriptor function, InvocationInputs invocation)
    {
        ArgumentNullException.ThrowIfNull(function);
        await using var scope = services.CreateAsyncScope();
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
        return await CallAsync(function, instance, invocation, scope.ServiceProvider);
    }

    /// <summary>Runs a static function that takes no services (an orchestrator: it must stay deterministic and DI-free).</summary>
    public static Task<object?> InvokeStaticAsync(FunctionDescriptor function, InvocationInputs invocation)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.Method.IsStatic
            ? CallAsync(function, null, invocation, EmptyServices.Instance)
            : throw new InvalidOperationException($"Function '{function.Name}' is not static.");
    }

    private static async Task<object?> CallAsync(FunctionDescriptor function, object? instance, InvocationInputs invocation, IServiceProvider scoped)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var context = new LocalFunctionContext(function, invocation, scoped);
        var arguments = function.Method.GetParameters().Select(p => Bind(function, p, invocation, context, scoped)).ToArray();
        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        switch (returned)
        {
            case Task task:
                // No ConfigureAwait(false): an orchestrator must resume on the orchestration's own context, or its completion is never seen.
                await task;
                return function.ResultType is null ? null : task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }

    /// <summary>Throws, naming function and parameter, when a parameter is not one <see cref="InvokeAsync"/> can bind.</summary>
    public static void Validate(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var bindingNames = BindingDataNames(function);
        foreach (var parameter in function.Method.GetParameters())
        {
            var bindable = parameter == function.TriggerParameter
                || parameter.ParameterType == typeof(CancellationToken)
                || parameter.ParameterType == typeof(FunctionContext)
                || (parameter.GetCustomAttribute<DurableClientAttribute>() is not null && parameter.ParameterType == typeof(DurableTaskClient))
                || (parameter.ParameterType == typeof(string) && bindingNames.Contains(parameter.Name!))
                || (function.Trigger is OrchestrationTriggerAttribute && FunctionCatalog.OrchestrationInputType(function) == parameter.ParameterType);
            if (!bindable)
            {
                throw new InvalidOperationException(
                    $"Function '{function.Name}': DevHost cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}). It binds the trigger, [DurableClient] DurableTaskClient, FunctionContext, CancellationToken, an orchestration input and strings named in the trigger's route or path ({string.Join(", ", bindingNames)}).");
            }
        }
    }

    private static object? Bind(FunctionDescriptor function, ParameterInfo parameter, InvocationInputs invocation, FunctionContext context, IServiceProvider scoped)
    {
        if (parameter == function.TriggerParameter)
        {
            return invocation.TriggerValue;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return invocation.CancellationToken;
        }

        if (parameter.ParameterType == typeof(FunctionContext))
        {
            return context;
        }

        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
        {
            // The host's client: in Azure the extension hands one to the parameter; here it is DevHost's own.
            return scoped.GetRequiredService<DurableTaskClient>();
        }

        if (parameter.ParameterType == typeof(string) && invocation.BindingData.TryGetValue(parameter.Name!, out var value))
        {
            return value?.ToString();
        }

        if (function.Trigger is OrchestrationTriggerAttribute)
        {
            return invocation.OrchestrationInput;
        }

        throw new InvalidOperationException($"Function '{function.Name}': no value for parameter '{parameter.Name}' in this invocation.");
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }

    /// <summary>The <c>{name}</c> tokens of an HTTP route or a blob path: the strings a function may take as binding data.</summary>
    private static HashSet<string> BindingDataNames(FunctionDescriptor function)
    {
        var template = function.Trigger switch
        {
            HttpTriggerAttribute http => http.Route,
            BlobTriggerAttribute blob => blob.BlobPath,
            _ => null,
        };
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (template is null)
        {
            return names;
        }

        foreach (var token in template.Split('{', StringSplitOptions.RemoveEmptyEntries).Skip(template.StartsWith('{') ? 0 : 1))
        {
            var end = token.IndexOfAny(['}', ':', '?', '=']);
            if (end > 0)
            {
                names.Add(token[..end].TrimStart('*'));
            }
        }

        return names;
    }
}

using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Platform.DevHost.Functions;

/// <summary>
/// The Functions app's <c>[Function]</c> methods, read from its assembly as the worker's indexing reads them. Every
/// parameter must be one DevHost can bind (<see cref="FunctionInvoker"/>); anything else stops DevHost at start, naming
/// the function and parameter, rather than failing on the first call.
/// </summary>
public sealed class FunctionCatalog
{
    private static readonly Type[] TriggerAttributes =
    [
        typeof(HttpTriggerAttribute), typeof(BlobTriggerAttribute), typeof(QueueTriggerAttribute),
        typeof(OrchestrationTriggerAttribute), typeof(ActivityTriggerAttribute),
    ];

    public FunctionCatalog(Assembly functionsAssembly)
    {
        ArgumentNullException.ThrowIfNull(functionsAssembly);
        var functions = new List<FunctionDescriptor>();
        foreach (var method in functionsAssembly.GetExportedTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            var triggers = method.GetParameters()
                .SelectMany(p => p.GetCustomAttributes().Where(a => TriggerAttributes.Contains(a.GetType())).Select(a => (Parameter: p, Attribute: a)))
                .ToList();
            if (triggers.Count != 1)
            {
                throw new InvalidOperationException(
                    $"Function '{function.Name}' ({method.DeclaringType?.Name}.{method.Name}) has {triggers.Count} trigger parameters; DevHost runs functions with exactly one of: {string.Join(", ", TriggerAttributes.Select(t => t.Name))}.");
            }

            var descriptor = new FunctionDescriptor(function.Name, method, triggers[0].Parameter, triggers[0].Attribute);
            FunctionInvoker.Validate(descriptor);
            functions.Add(descriptor);
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'.");
        }

        Functions = functions;
    }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    /// <summary>The functions whose trigger is <typeparamref name="T"/>.</summary>
    public IEnumerable<FunctionDescriptor> WithTrigger<T>() where T : Attribute => Functions.Where(f => f.Trigger is T);

    /// <summary>The one function with trigger <typeparamref name="T"/>.</summary>
    public FunctionDescriptor Single<T>() where T : Attribute
    {
        var found = WithTrigger<T>().ToList();
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"Expected one {typeof(T).Name.Replace("Attribute", "", StringComparison.Ordinal)} function for this, found {found.Count}.");
    }

    /// <summary>The orchestration input type: the one orchestrator parameter no binding claims, as the Durable extension binds it.</summary>
    public static Type? OrchestrationInputType(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.Method.GetParameters()
            .Where(p => p != function.TriggerParameter && p.ParameterType != typeof(CancellationToken) && p.ParameterType != typeof(FunctionContext))
            .Select(p => p.ParameterType)
            .SingleOrDefault();
    }

    /// <summary>The type a function's task completes with (<c>Task&lt;T&gt;</c> → T; <c>Task</c> → null).</summary>
    public static Type? ResultType(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var returns = method.ReturnType;
        return returns.IsGenericType && (returns.GetGenericTypeDefinition() == typeof(Task<>) || returns.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returns.GetGenericArguments()[0]
            : returns == typeof(Task) || returns == typeof(ValueTask) || returns == typeof(void) ? null : returns;
    }
}

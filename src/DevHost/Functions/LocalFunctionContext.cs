using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace Platform.DevHost.Functions;

/// <summary>
/// The <see cref="FunctionContext"/> DevHost hands a function: its name, an invocation id, the invocation's services and
/// binding data (route values, blob path tokens, the Durable instance id). What the Functions app does not read (trace
/// context, retry context, features, the full definition) is not supplied and says so when asked for.
/// </summary>
internal sealed class LocalFunctionContext(FunctionDescriptor function, InvocationInputs invocation, IServiceProvider services) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => function.Name;

    public override TraceContext TraceContext => throw NotSupplied(nameof(TraceContext));

    public override BindingContext BindingContext { get; } = new LocalBindingContext(invocation.BindingData);

    public override RetryContext RetryContext => throw NotSupplied(nameof(RetryContext));

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw NotSupplied(nameof(FunctionDefinition));

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw NotSupplied(nameof(Features));

    public override CancellationToken CancellationToken => invocation.CancellationToken;

    private NotSupportedException NotSupplied(string member) =>
        new($"DevHost does not supply FunctionContext.{member} (function '{function.Name}'); the Functions host does. Read it only where the function runs in Azure, or add it to DevHost's LocalFunctionContext.");

    private sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
    }
}

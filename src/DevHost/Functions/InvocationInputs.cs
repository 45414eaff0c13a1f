namespace Platform.DevHost.Functions;

/// <summary>
/// What one invocation binds from: the trigger's value, binding data by name (route values, blob path tokens, the
/// Durable instance id), the orchestration input, and the invocation's cancellation.
/// </summary>
public sealed record InvocationInputs(object? TriggerValue, CancellationToken CancellationToken)
{
    public IReadOnlyDictionary<string, object?> BindingData { get; init; } = new Dictionary<string, object?>();

    public object? OrchestrationInput { get; init; }
}

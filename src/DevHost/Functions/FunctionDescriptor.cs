using System.Reflection;

namespace Platform.DevHost.Functions;

/// <summary>One <c>[Function]</c> method of the Functions app: its name, the method, and the trigger attribute on its trigger parameter.</summary>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, ParameterInfo TriggerParameter, Attribute Trigger)
{
    /// <summary>What the function's task completes with (<c>Task&lt;T&gt;</c> → T; <c>Task</c> → null), read once.</summary>
    public Type? ResultType { get; } = FunctionCatalog.ResultType(Method);

    /// <summary>The trigger attribute as <typeparamref name="T"/>, or null when the function has another trigger.</summary>
    public T? TriggerAs<T>() where T : Attribute => Trigger as T;

    public override string ToString() => $"{Name} ({Method.DeclaringType?.Name}.{Method.Name})";
}

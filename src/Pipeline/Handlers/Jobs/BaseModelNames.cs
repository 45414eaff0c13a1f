using Platform.Modeling.BaseModels;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Base models a caller may name: the built-in ones, or a folder in container <c>base-models</c> (never a server path).</summary>
internal static class BaseModelNames
{
    public static bool IsBuiltIn(string name) =>
        string.Equals(name, BaseModelResolver.MiniLmL6, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, BaseModelResolver.TinyRandom, StringComparison.OrdinalIgnoreCase);

    /// <summary>Built-in names are lower-cased so that equal requests hash to the same job id.</summary>
    public static string Normalize(string name) => IsBuiltIn(name) ? name.ToLowerInvariant() : name;

    public static string? Problem(string name) => IsBuiltIn(name) || ModelNames.IsValid(name)
        ? null
        : $"baseModel '{name}' is not valid: use '{BaseModelResolver.MiniLmL6}', '{BaseModelResolver.TinyRandom}' or the name of a folder in container 'base-models' (lowercase letters, digits, hyphens).";
}

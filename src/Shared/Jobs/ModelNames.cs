using System.Text.RegularExpressions;

namespace Platform.Shared.Jobs;

/// <summary>Model names become blob path segments and URL parts: lowercase letters, digits and inner hyphens only.</summary>
public static partial class ModelNames
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>A message a person can act on, or null when the name is fine.</summary>
    public static string? Problem(string? name) => IsValid(name)
        ? null
        : $"Model name '{name}' is not valid: use 3 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

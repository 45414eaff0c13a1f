using System.Text.RegularExpressions;

namespace Platform.Pipeline.Handlers.Models;

/// <summary>Version names from a query string become blob path segments: letters, digits, dots, hyphens and underscores only.</summary>
internal static partial class ModelVersionNames
{
    public static string? Problem(string version) => Pattern().IsMatch(version) && !version.Contains("..", StringComparison.Ordinal)
        ? null
        : $"Version '{version}' is not valid: use 1 to 100 letters, digits, '.', '-' or '_', starting with a letter or digit (e.g. '20240501-120000').";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

using System.Text.RegularExpressions;

namespace Platform.DevHost.Functions;

/// <summary>Resolves <c>%Setting%</c> in trigger paths and queue names from configuration, as the Functions host resolves app settings.</summary>
public static partial class BindingExpressions
{
    public static string Resolve(string template, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(configuration);
        return Setting().Replace(template, match =>
        {
            var key = match.Groups[1].Value;
            var value = configuration[key];
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException($"The trigger expression '{template}' names setting '{key}', which is not set. Set it in configuration (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}).")
                : value;
        });
    }

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex Setting();
}

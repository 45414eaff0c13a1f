using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Infrastructure.Tests;

/// <summary>Small helpers over ARM JSON: property paths, every string value, variable references.</summary>
internal static partial class ArmJson
{
    public static JsonElement? Find(JsonElement element, string path)
    {
        var current = element;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static IEnumerable<string> Strings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var value in Strings(property.Value))
                    {
                        yield return value;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var value in Strings(item))
                    {
                        yield return value;
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Names of the variables an expression reads, in order.</summary>
    public static IReadOnlyList<string> VariableReferences(string expression) =>
        VariableReference().Matches(expression).Select(match => match.Groups[1].Value).ToList();

    /// <summary>The parameter an expression such as <c>[parameters('x')]</c> names, or null.</summary>
    public static string? ParameterReference(string expression)
    {
        var match = WholeParameterReference().Match(expression);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Names of the deployments (modules) an expression such as a <c>dependsOn</c> entry refers to.</summary>
    public static IReadOnlyList<string> DeploymentReferences(string expression) =>
        DeploymentReference().Matches(expression).Select(match => match.Groups[1].Value).ToList();

    [GeneratedRegex(@"'Microsoft\.Resources/deployments', '([^']+)'")]
    private static partial Regex DeploymentReference();

    [GeneratedRegex(@"variables\('(\w+)'")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[parameters\('(\w+)'\)\]$")]
    private static partial Regex WholeParameterReference();
}

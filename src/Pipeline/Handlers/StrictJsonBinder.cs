using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Pipeline.Handlers;

/// <summary>
/// Binds a JSON object to an options record property by property, so that every unknown name and every
/// value of the wrong type is reported by its path (<c>training.epochz</c>) instead of failing on the first.
/// </summary>
internal static class StrictJsonBinder
{
    /// <summary>
    /// The bound options, or null when <paramref name="errors"/> got entries. What the JSON leaves out comes from
    /// <paramref name="defaults"/> when given, else from the type's own defaults.
    /// </summary>
    public static T? Bind<T>(JsonElement element, string path, ValidationErrors errors, T? defaults = null)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"'{path}' must be a JSON object of options (got {element.ValueKind.ToString().ToLowerInvariant()}).");
            return null;
        }

        var properties = typeof(T)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.OrdinalIgnoreCase);
        var valid = true;
        foreach (var property in element.EnumerateObject())
        {
            var name = $"{path}.{property.Name}";
            if (!properties.TryGetValue(property.Name, out var info))
            {
                errors.Add(name, $"Unknown option '{name}'. Known options in '{path}': {string.Join(", ", properties.Keys)}.");
                valid = false;
                continue;
            }

            if (!Fits(property.Value, info.PropertyType))
            {
                errors.Add(name, $"'{name}' must be {Describe(info.PropertyType)} (got {Shorten(property.Value.GetRawText())}).");
                valid = false;
            }
        }

        if (!valid)
        {
            return null;
        }

        if (defaults is null)
        {
            return element.Deserialize<T>(HandlerJson.Options);
        }

        var merged = JsonSerializer.SerializeToNode(defaults, HandlerJson.Canonical)!.AsObject();
        foreach (var property in element.EnumerateObject())
        {
            merged[JsonNamingPolicy.CamelCase.ConvertName(properties[property.Name].Name)] = JsonNode.Parse(property.Value.GetRawText());
        }

        return merged.Deserialize<T>(HandlerJson.Options);
    }

    private static bool Fits(JsonElement value, Type type)
    {
        try
        {
            return value.Deserialize(type, HandlerJson.Options) is not null || Nullable.GetUnderlyingType(type) is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(Type type)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        var core = nullable ?? type;
        var text = core == typeof(int) || core == typeof(long) ? "a whole number"
            : core == typeof(double) || core == typeof(float) ? "a number"
            : core == typeof(bool) ? "true or false"
            : core == typeof(char) ? "a single character"
            : core.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(core).Select(JsonNamingPolicy.CamelCase.ConvertName))
            : "a string";
        return nullable is null ? text : text + " or null";
    }

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";
}

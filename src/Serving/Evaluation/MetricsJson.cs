using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Modeling.Evaluation;

/// <summary>The one JSON shape of every metrics and package file: camelCase, indented, nulls omitted, enums as names.</summary>
public static class MetricsJson
{
    /// <summary>Shared, read-only options; reuse them so System.Text.Json caches its metadata once.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads <typeparamref name="T"/> back; throws <see cref="JsonException"/> on malformed or empty JSON.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The JSON holds null instead of a {typeof(T).Name}.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

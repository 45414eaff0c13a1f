using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Pipeline.Handlers;

/// <summary>The JSON shape of every request and response body: camelCase, enums as camelCase names, nulls omitted.</summary>
public static class HandlerJson
{
    public static JsonSerializerOptions Options { get; } = Create(JsonIgnoreCondition.WhenWritingNull);

    /// <summary>Like <see cref="Options"/> but writes every property, so the same options always give the same text.</summary>
    public static JsonSerializerOptions Canonical { get; } = Create(JsonIgnoreCondition.Never);

    private static JsonSerializerOptions Create(JsonIgnoreCondition ignore)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = ignore,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Shared.Jobs;

/// <summary>
/// The one JSON shape of the wire records the orchestration and the runner exchange (messages, status.json, result.json,
/// checkpoint pointers): camelCase, case-insensitive reading, enums as names (numbers are read too), nulls omitted.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Runner.Messaging;

/// <summary>
/// JSON of messages and job documents: web defaults (camelCase, case-insensitive reading) and enums as
/// names (numbers are still accepted when reading), so <c>"outcome":"Succeeded"</c> reads well in a queue viewer.
/// </summary>
internal static class RunnerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

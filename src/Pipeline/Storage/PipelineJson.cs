using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Pipeline.Storage;

/// <summary>JSON of messages and blobs the pipeline exchanges with the runner and the handlers: camelCase, enums as names (numbers are read too).</summary>
public static class PipelineJson
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

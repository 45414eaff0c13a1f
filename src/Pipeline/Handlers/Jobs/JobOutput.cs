using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// The orchestration's output as <c>GET /api/jobs/{id}</c> shows it. A <see cref="PipelineResult"/> is rewritten in the
/// API's JSON shape (camelCase, enums by name) whatever converter the Durable host stored it with (the default one writes
/// PascalCase names and enum numbers); any other output is passed on as stored.
/// </summary>
internal static class JobOutput
{
    // Reads both shapes: names in any case, enums as names or numbers.
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static JsonElement? Read(string? serialized)
    {
        if (string.IsNullOrWhiteSpace(serialized))
        {
            return null;
        }

        JsonElement stored;
        try
        {
            using var document = JsonDocument.Parse(serialized);
            stored = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(serialized);
        }

        return AsPipelineResult(stored) is { } result ? JsonSerializer.SerializeToElement(result, HandlerJson.Options) : stored;
    }

    private static PipelineResult? AsPipelineResult(JsonElement stored)
    {
        if (stored.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return stored.Deserialize<PipelineResult>(Stored) is { JobId: not null } result && Enum.IsDefined(result.Outcome) ? result : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

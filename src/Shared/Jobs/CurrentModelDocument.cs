using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Shared.Jobs;

/// <summary>
/// Content of <c>models/{model}/current.json</c>: the version prediction serves by default. Written by the publish step
/// when the promotion gate lets a version through, read by the promotion gate, the model list and prediction.
/// </summary>
/// <param name="Model">The model name (the folder in container <c>models</c>).</param>
/// <param name="Version">The version folder <c>models/{model}/{version}/</c> that serves.</param>
/// <param name="JobId">The job that trained that version.</param>
/// <param name="MacroF1">Held-out test macro-F1 of that version: what the promotion gate compares a candidate with.</param>
/// <param name="PromotedAt">When the version was published and became current.</param>
/// <param name="Metrics">The held-out test summary as evaluated (task, count, accuracy, F1 averages), for listings; optional.</param>
/// <param name="Reason">Why the version is current: the promotion gate's decision, or the override and its reason.</param>
/// <param name="Overridden">True when a person made the version current against the gate's decision.</param>
public sealed record CurrentModelDocument(
    string Model, string Version, string JobId, double MacroF1, DateTimeOffset PromotedAt, JsonElement? Metrics = null, string? Reason = null, bool? Overridden = null)
{
    private static readonly JsonSerializerOptions Json = CreateOptions();

    /// <summary>camelCase UTF-8 JSON, nulls left out.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads current.json; throws <see cref="InvalidDataException"/> naming <paramref name="blobName"/> and what is missing or malformed.</summary>
    public static CurrentModelDocument Parse(ReadOnlySpan<byte> utf8Json, string blobName)
    {
        CurrentModelDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CurrentModelDocument>(utf8Json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{blobName} is not a current-model document: {e.Message}", e);
        }

        if (document is null || string.IsNullOrWhiteSpace(document.Version))
        {
            throw new InvalidDataException($"{blobName} has no valid 'version' string.");
        }

        return document;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // A pointer without its version, job or scores is not one: missing or null required values are errors.
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

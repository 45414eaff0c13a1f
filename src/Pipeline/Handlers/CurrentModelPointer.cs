using System.Text.Json;

namespace Platform.Pipeline.Handlers;

/// <summary>
/// Content of <c>models/{model}/current.json</c> as the handlers read it: <c>version</c> is required; <c>jobId</c>,
/// <c>publishedAt</c> and <c>metrics</c> (headline numbers) are used when present; anything else is ignored.
/// </summary>
public sealed record CurrentModelPointer(string Version, string? JobId, DateTimeOffset? PublishedAt, JsonElement? Metrics)
{
    /// <summary>Parses current.json; throws <see cref="InvalidDataException"/> naming what is missing or malformed.</summary>
    public static CurrentModelPointer Parse(BinaryData content, string blobName)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !TryGet(root, "version", out var version) || version.ValueKind != JsonValueKind.String
                || ModelVersionNames.Problem(version.GetString()!) is not null)
            {
                throw new InvalidDataException($"{blobName} has no valid 'version' string.");
            }

            var jobId = TryGet(root, "jobId", out var job) && job.ValueKind == JsonValueKind.String ? job.GetString() : null;
            DateTimeOffset? publishedAt = TryGet(root, "publishedAt", out var at) && at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var parsed) ? parsed : null;
            JsonElement? metrics = TryGet(root, "metrics", out var m) && m.ValueKind == JsonValueKind.Object ? m.Clone() : null;
            return new CurrentModelPointer(version.GetString()!, jobId, publishedAt, metrics);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{blobName} is not valid JSON: {e.Message}", e);
        }
    }

    private static bool TryGet(JsonElement root, string name, out JsonElement value)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}

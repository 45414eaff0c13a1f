using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Platform.Modeling.Packaging;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Models;

/// <summary>Reads what container <c>models</c> holds: model names, versions with their files, current.json and metrics.</summary>
public sealed class ModelCatalog(HandlerContainers containers)
{
    /// <summary>Names of the top-level folders (one per model); empty when the container does not exist yet.</summary>
    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var item in containers.Models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix: null, cancellationToken).ConfigureAwait(false))
            {
                if (item.IsPrefix && ModelNames.IsValid(item.Prefix.TrimEnd('/')))
                {
                    names.Add(item.Prefix.TrimEnd('/'));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        return names;
    }

    /// <summary>Each version folder of <paramref name="model"/> with the names of its files (relative to the folder).</summary>
    public async Task<IReadOnlyDictionary<string, List<string>>> ListVersionsAsync(string model, CancellationToken cancellationToken)
    {
        var versions = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var prefix = $"{model}/";
        try
        {
            await foreach (var blob in containers.Models.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
            {
                var rest = blob.Name[prefix.Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                if (slash > 0)
                {
                    var version = rest[..slash];
                    if (!versions.TryGetValue(version, out var files))
                    {
                        versions[version] = files = [];
                    }

                    files.Add(rest[(slash + 1)..]);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return versions;
        }

        return versions;
    }

    /// <summary>current.json with its ETag, or null when the model has none.</summary>
    /// <exception cref="InvalidDataException">current.json is malformed or names a version that cannot be a folder name.</exception>
    public async Task<(CurrentModelDocument Document, ETag ETag)?> ReadCurrentAsync(string model, CancellationToken cancellationToken)
    {
        var name = $"{containers.Models.Name}/{ModelBlobs.Current(model)}";
        try
        {
            var content = await containers.Models.GetBlobClient(ModelBlobs.Current(model)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var document = CurrentModelDocument.Parse(content.Value.Content.ToMemory().Span, name);
            // The version becomes a blob path segment.
            return ModelVersionNames.Problem(document.Version) is null
                ? (document, content.Value.Details.ETag)
                : throw new InvalidDataException($"{name} has no valid 'version' string.");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The ETag of current.json without downloading it, or null when it does not exist.</summary>
    public async Task<ETag?> CurrentETagAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await containers.Models.GetBlobClient(ModelBlobs.Current(model)).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Headline numbers from the version's <c>metrics.json</c>, or null when it is missing or unreadable.</summary>
    public async Task<HeadlineMetrics?> ReadMetricsAsync(string model, string version, CancellationToken cancellationToken) =>
        await ReadVersionJsonAsync(ModelBlobs.VersionPrefix(model, version) + ModelPackage.MetricsFile, cancellationToken).ConfigureAwait(false) is { } metrics
            ? HeadlineMetrics.From(metrics)
            : null;

    /// <summary>
    /// The job and held-out scores of a published version, from its <c>evaluation.json</c> (what the promotion gate
    /// compared when it was published); null when the version has none.
    /// </summary>
    /// <exception cref="InvalidDataException">evaluation.json is not JSON or lacks the job id or the macro-F1.</exception>
    public async Task<VersionEvaluation?> ReadEvaluationAsync(string model, string version, CancellationToken cancellationToken)
    {
        var name = ModelBlobs.VersionPrefix(model, version) + PipelineBlobs.EvaluationFile;
        if (await containers.Models.GetBlobClient(name).DownloadTextOrNullAsync(cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(found.Text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("jobId", out var jobId) && jobId.ValueKind == JsonValueKind.String
                && root.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object
                && summary.TryGetProperty("macroF1", out var macroF1) && macroF1.ValueKind == JsonValueKind.Number)
            {
                return new VersionEvaluation(jobId.GetString()!, macroF1.GetDouble(), summary.Clone());
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{containers.Models.Name}/{name} is not JSON: {e.Message}", e);
        }

        throw new InvalidDataException($"{containers.Models.Name}/{name} has no 'jobId' string or no 'summary.macroF1' number.");
    }

    /// <summary>A text blob of container <c>models</c>, or null when it does not exist.</summary>
    public async Task<string?> ReadVersionTextAsync(string blobName, CancellationToken cancellationToken) =>
        (await containers.Models.GetBlobClient(blobName).DownloadTextOrNullAsync(cancellationToken).ConfigureAwait(false))?.Text;

    /// <summary>A JSON blob of container <c>models</c>; null when it does not exist or is not JSON.</summary>
    public async Task<JsonElement?> ReadVersionJsonAsync(string blobName, CancellationToken cancellationToken)
    {
        if (await ReadVersionTextAsync(blobName, cancellationToken).ConfigureAwait(false) is not { } text)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The URI of a blob in container <c>models</c> (for links such as the model card).</summary>
    public Uri BlobUri(string blobName) => containers.Models.GetBlobClient(blobName).Uri;
}

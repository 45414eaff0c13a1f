using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Platform.Runner.Hosting;
using Platform.Runner.Messaging;
using Platform.Shared.Configuration;
using Platform.Shared.Jobs;
using Platform.Shared.Storage;

namespace Platform.Runner.Storage;

/// <summary>Blob operations on the <c>jobs</c> container: JSON documents, markers and whole folders.</summary>
internal sealed class JobStorage(BlobServiceClient blobs, IOptions<StorageSettings> settings)
{
    public BlobContainerClient Container { get; } = blobs.GetBlobContainerClient(settings.Value.JobsContainer);

    public async Task<T?> ReadJsonAsync<T>(string name, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var content = await Container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<T>(WireJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// The document and the ETag it was read at; a document that is not valid JSON for <typeparamref name="T"/> reads as
    /// null with its ETag (so it can still be replaced conditionally); both null when the blob does not exist.
    /// </summary>
    public async Task<(T? Value, ETag? ETag)> ReadJsonWithETagAsync<T>(string name, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var content = (await Container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value;
            try
            {
                return (content.Content.ToObjectFromJson<T>(WireJson.Options), content.Details.ETag);
            }
            catch (JsonException)
            {
                return (null, content.Details.ETag);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null);
        }
    }

    public Task WriteJsonAsync<T>(string name, T value, CancellationToken cancellationToken) =>
        Container.GetBlobClient(name).UploadAsync(Json(value), JsonUpload, cancellationToken);

    /// <summary>
    /// Writes only over the version read at <paramref name="expected"/> (null: only where no blob exists yet) and returns
    /// the new ETag; another writer in between fails it with status 412 (or 409 when the blob appeared).
    /// </summary>
    public async Task<ETag> WriteJsonIfAsync<T>(string name, T value, ETag? expected, CancellationToken cancellationToken)
    {
        var options = JsonUpload;
        options.Conditions = expected is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        var response = await Container.GetBlobClient(name).UploadAsync(Json(value), options, cancellationToken);
        return response.Value.ETag;
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        await Container.GetBlobClient(name).ExistsAsync(cancellationToken);

    /// <summary>The blob's bytes, or null when it does not exist.</summary>
    public async Task<BinaryData?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await Container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task UploadDirectoryAsync(string localDirectory, string prefix, CancellationToken cancellationToken)
    {
        await DeletePrefixAsync(prefix, cancellationToken);
        foreach (var file in Directory.EnumerateFiles(localDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(localDirectory, file).Replace('\\', '/');
            await Container.GetBlobClient(prefix + relative).UploadAsync(file, overwrite: true, cancellationToken);
        }
    }

    public async Task DownloadPrefixAsync(string prefix, string localDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(localDirectory);
        await BlobPrefix.DownloadAsync(Container, prefix, localDirectory, cancellationToken);
    }

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            await Container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    private static BlobUploadOptions JsonUpload => new() { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };

    private static BinaryData Json<T>(T value) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(value, WireJson.Options));
}

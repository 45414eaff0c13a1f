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

    public Task WriteJsonAsync<T>(string name, T value, CancellationToken cancellationToken) =>
        Container.GetBlobClient(name).UploadAsync(Json(value), JsonUpload, cancellationToken);

    /// <summary>The synchronous <see cref="WriteJsonAsync"/>, for the training thread (progress callbacks are synchronous).</summary>
    public void WriteJson<T>(string name, T value) =>
        Container.GetBlobClient(name).Upload(Json(value), JsonUpload, CancellationToken.None);

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

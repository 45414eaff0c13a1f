using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Platform.Pipeline.Storage;

/// <summary>Blob "folders" (name prefixes): download to disk and copy between containers by streaming.</summary>
public static class BlobFolders
{
    /// <summary>Downloads every blob under <paramref name="prefix"/> into <paramref name="directory"/>, keeping relative paths; returns the count.</summary>
    public static async Task<int> DownloadAsync(BlobContainerClient container, string prefix, string directory, CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            var relative = item.Name[prefix.Length..];
            var path = Path.GetFullPath(Path.Combine(directory, relative));
            if (!path.StartsWith(Path.GetFullPath(directory), StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Blob {item.Name} would be written outside {directory}.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await container.GetBlobClient(item.Name).DownloadToAsync(path, cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>Copies every blob under <paramref name="sourcePrefix"/> to <paramref name="targetPrefix"/>, overwriting; the same source gives the same target.</summary>
    public static async Task<int> CopyAsync(
        BlobContainerClient source, string sourcePrefix, BlobContainerClient target, string targetPrefix, CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var item in source.GetBlobsAsync(BlobTraits.None, BlobStates.None, sourcePrefix, cancellationToken))
        {
            var from = source.GetBlobClient(item.Name);
            var to = target.GetBlobClient(targetPrefix + item.Name[sourcePrefix.Length..]);
            // Streaming works with any credential (a server-side copy would need a SAS or a token for the source).
            var download = await from.DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using (var content = download.Value.Content)
            {
                await to.UploadAsync(content, new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = download.Value.Details.ContentType },
                }, cancellationToken);
            }

            count++;
        }

        return count;
    }
}

using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Platform.Pipeline.Storage;

/// <summary>Blob "folders" (name prefixes) copied between containers by streaming; downloads are <see cref="Shared.Storage.BlobPrefix"/>.</summary>
public static class BlobFolders
{
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

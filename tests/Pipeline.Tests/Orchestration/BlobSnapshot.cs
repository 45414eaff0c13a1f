using Azure.Storage.Blobs;

namespace Platform.Pipeline.Tests.Orchestration;

/// <summary>Names and contents of every blob under a prefix, for comparing two runs byte for byte.</summary>
internal static class BlobSnapshot
{
    public static async Task<SortedDictionary<string, string>> TakeAsync(BlobContainerClient container, string prefix)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync();
            snapshot[item.Name] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content.Value.Content.ToArray()));
        }

        return snapshot;
    }
}

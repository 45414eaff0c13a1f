using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;

namespace Platform.Pipeline.Storage;

/// <summary>The SHA-256 of a blob's content, streamed: what job ids are computed from.</summary>
internal static class BlobHashes
{
    /// <summary>Lower-case hex SHA-256; null when the blob or its container does not exist.</summary>
    public static async Task<string?> Sha256Async(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

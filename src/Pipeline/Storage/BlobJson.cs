using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Storage;

/// <summary>Small blob reads and writes: text and JSON documents, with a null for a missing blob.</summary>
public static class BlobJson
{
    public const string JsonContentType = "application/json";

    public static Task UploadTextAsync(this BlobClient blob, string text, string contentType, CancellationToken cancellationToken = default) =>
        blob.UploadAsync(
            BinaryData.FromBytes(new UTF8Encoding(false).GetBytes(text)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);

    public static Task UploadJsonAsync<T>(this BlobClient blob, T value, CancellationToken cancellationToken = default) =>
        blob.UploadTextAsync(JsonSerializer.Serialize(value, WireJson.Options), JsonContentType, cancellationToken);

    /// <summary>The blob's text and ETag, or <c>null</c> when it does not exist.</summary>
    public static async Task<(string Text, ETag ETag)?> DownloadTextOrNullAsync(this BlobClient blob, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await blob.DownloadContentAsync(cancellationToken);
            return (response.Value.Content.ToString(), response.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Whether the blob exists; false also when its container does not (the service answers 404 then).</summary>
    public static async Task<bool> ExistsOrFalseAsync(this BlobClient blob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            return await blob.ExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }
}

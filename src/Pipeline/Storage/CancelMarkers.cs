using Azure.Storage.Blobs;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Storage;

/// <summary>The one writer of <c>jobs/{id}/cancel</c>, used by the cancel route and by the orchestrator's activity alike.</summary>
public static class CancelMarkers
{
    /// <summary>Writes the marker (overwriting: the same reason and time give the same bytes, so a re-run changes nothing).</summary>
    public static async Task WriteAsync(BlobContainerClient jobs, string jobId, string? reason, DateTimeOffset requestedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        await jobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await jobs.GetBlobClient(JobBlobs.CancelMarker(jobId)).UploadJsonAsync(new CancelMarker(reason, requestedAt), cancellationToken).ConfigureAwait(false);
    }
}

using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Platform.Modeling.Training;
using Platform.Runner.Messaging;
using Platform.Shared.Jobs;

namespace Platform.Runner.Storage;

/// <summary>
/// Checkpoints under <c>jobs/{id}/checkpoints/{folder}/</c> with <c>latest.json</c> naming the newest complete
/// one; older folders are deleted once the pointer moved. Uploads are synchronous on the training thread:
/// training waits, but the next checkpoint can never overwrite files still being uploaded.
/// </summary>
internal sealed class BlobCheckpointMirror(JobStorage storage, ILogger<BlobCheckpointMirror> logger) : ICheckpointMirror
{
    private const string PointerName = "latest.json";

    public async Task<int?> RestoreAsync(string jobId, string localDirectory, CancellationToken cancellationToken)
    {
        var prefix = JobBlobs.CheckpointPrefix(jobId);
        var pointer = await storage.ReadJsonAsync<CheckpointPointer>(prefix + PointerName, cancellationToken);
        if (Directory.Exists(localDirectory))
        {
            Directory.Delete(localDirectory, recursive: true);
        }

        if (pointer is null)
        {
            return null;
        }

        await storage.DownloadPrefixAsync($"{prefix}{pointer.Folder}/", localDirectory, cancellationToken);
        RunnerLog.CheckpointRestored(logger, jobId, pointer.Step, pointer.Folder);
        return pointer.Step;
    }

    public void Upload(string jobId, CheckpointSaved checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var prefix = JobBlobs.CheckpointPrefix(jobId);
        var folder = string.Create(CultureInfo.InvariantCulture, $"step-{checkpoint.Step:D7}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        var container = storage.Container;
        foreach (var file in Directory.EnumerateFiles(checkpoint.Directory))
        {
            container.GetBlobClient($"{prefix}{folder}/{Path.GetFileName(file)}").Upload(file, overwrite: true);
        }

        var pointer = new CheckpointPointer(folder, checkpoint.Step, DateTimeOffset.UtcNow);
        container.GetBlobClient(prefix + PointerName).Upload(BinaryData.FromObjectAsJson(pointer, WireJson.Options), overwrite: true);
        foreach (var blob in container.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            if (blob.Name != prefix + PointerName && !blob.Name.StartsWith($"{prefix}{folder}/", StringComparison.Ordinal))
            {
                container.DeleteBlobIfExists(blob.Name);
            }
        }

        RunnerLog.CheckpointUploaded(logger, jobId, checkpoint.Step, folder);
    }

    public Task DeleteAsync(string jobId, CancellationToken cancellationToken) =>
        storage.DeletePrefixAsync(JobBlobs.CheckpointPrefix(jobId), cancellationToken);
}

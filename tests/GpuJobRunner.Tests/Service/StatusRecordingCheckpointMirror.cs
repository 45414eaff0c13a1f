using System.Collections.Concurrent;
using Platform.Modeling.Training;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>Mirrors checkpoints as usual, first reading what <c>status.json</c> says at the moment each checkpoint is handed over.</summary>
internal sealed class StatusRecordingCheckpointMirror(BlobCheckpointMirror inner, JobStorage storage, ConcurrentQueue<JobStatusDocument?> seen) : ICheckpointMirror
{
    public Task<int?> RestoreAsync(string jobId, string localDirectory, CancellationToken cancellationToken) =>
        inner.RestoreAsync(jobId, localDirectory, cancellationToken);

    public void Upload(string jobId, CheckpointSaved checkpoint)
    {
        // Called on the training thread, as the real mirror is: nothing else runs on it meanwhile.
        seen.Enqueue(storage.ReadJsonAsync<JobStatusDocument>(JobBlobs.Status(jobId), CancellationToken.None).GetAwaiter().GetResult());
        inner.Upload(jobId, checkpoint);
    }

    public Task DeleteAsync(string jobId, CancellationToken cancellationToken) => inner.DeleteAsync(jobId, cancellationToken);
}

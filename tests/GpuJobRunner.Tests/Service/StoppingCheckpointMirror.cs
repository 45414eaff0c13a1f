using Microsoft.Extensions.Hosting;
using Platform.Modeling.Training;
using Platform.Runner.Storage;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>Mirrors checkpoints as usual and stops the host (as SIGTERM would) right after the first one reached blob storage.</summary>
internal sealed class StoppingCheckpointMirror(BlobCheckpointMirror inner, IHostApplicationLifetime lifetime) : ICheckpointMirror
{
    private int _uploads;

    public Task<int?> RestoreAsync(string jobId, string localDirectory, CancellationToken cancellationToken) =>
        inner.RestoreAsync(jobId, localDirectory, cancellationToken);

    public void Upload(string jobId, CheckpointSaved checkpoint)
    {
        inner.Upload(jobId, checkpoint);
        if (Interlocked.Increment(ref _uploads) == 1)
        {
            lifetime.StopApplication();
        }
    }

    public Task DeleteAsync(string jobId, CancellationToken cancellationToken) => inner.DeleteAsync(jobId, cancellationToken);
}

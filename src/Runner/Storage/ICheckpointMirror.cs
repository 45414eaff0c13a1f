using Platform.Modeling.Training;

namespace Platform.Runner.Storage;

/// <summary>Keeps a job's local checkpoint folder mirrored in blob storage so another delivery (on any machine) resumes it.</summary>
internal interface ICheckpointMirror
{
    /// <summary>Downloads the newest mirrored checkpoint into <paramref name="localDirectory"/>; returns its step, or null when there is none.</summary>
    Task<int?> RestoreAsync(string jobId, string localDirectory, CancellationToken cancellationToken);

    /// <summary>Uploads a checkpoint just written (called on the training thread, so the folder is stable meanwhile).</summary>
    void Upload(string jobId, CheckpointSaved checkpoint);

    Task DeleteAsync(string jobId, CancellationToken cancellationToken);
}

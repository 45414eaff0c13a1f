namespace Platform.Runner.Storage;

/// <summary>
/// Content of <c>jobs/{id}/checkpoints/latest.json</c>: which folder holds the newest complete checkpoint.
/// Written after all of that folder's files, so a reader never mixes two checkpoints.
/// </summary>
internal sealed record CheckpointPointer(string Folder, int Step, DateTimeOffset WrittenAt);

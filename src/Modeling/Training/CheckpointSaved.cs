namespace Platform.Modeling.Training;

/// <summary>A checkpoint was written and swapped into <paramref name="Directory"/>; it stays unchanged until the next one.</summary>
public sealed record CheckpointSaved(string Directory, int Step);

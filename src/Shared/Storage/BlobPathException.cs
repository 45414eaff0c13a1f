namespace Platform.Shared.Storage;

/// <summary>A blob's name would place it outside the folder it is downloaded to.</summary>
public sealed class BlobPathException(string message) : IOException(message);

namespace Platform.Modeling.Packaging;

/// <summary>A model package is incomplete, damaged or unreadable; the message names the file and what is wrong with it.</summary>
public sealed class ModelPackageException : Exception
{
    public ModelPackageException()
    {
    }

    public ModelPackageException(string message)
        : base(message)
    {
    }

    public ModelPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelPackageException(string message, string filePath, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Full path of the file at fault (the manifest itself, or a file it lists), when there is one.</summary>
    public string? FilePath { get; }

    /// <summary>The package is sound but was made before packages carried ONNX graphs: <c>runner export</c> adds them.</summary>
    public bool MissingOnnx { get; init; }
}

namespace Platform.Modeling.Packaging;

/// <summary>The content of a model package's <c>manifest.json</c>: every other file of the package with its length and hash.</summary>
public sealed record PackageManifest(int FormatVersion, DateTimeOffset CreatedAt, IReadOnlyList<PackageFile> Files)
{
    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The manifest's file name at the root of the package folder.</summary>
    public const string FileName = "manifest.json";
}

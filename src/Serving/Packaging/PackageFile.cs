namespace Platform.Modeling.Packaging;

/// <summary>One file of a model package: its path relative to the package folder (forward slashes), byte length and SHA-256 (lowercase hex).</summary>
public sealed record PackageFile(string Path, long Length, string Sha256);

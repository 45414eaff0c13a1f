using System.Text.Json;

namespace Platform.Modeling.Packaging;

/// <summary>Writes and verifies the <c>manifest.json</c> that lists a model package's files with their lengths and SHA-256 hashes.</summary>
public static class PackageManifestIO
{
    /// <summary>Name of the scratch file the manifest is written to before it is moved into place; never listed.</summary>
    internal const string TemporaryFileName = PackageManifest.FileName + ".tmp";

    /// <summary>
    /// Hashes every file under <paramref name="packageDirectory"/> (recursively, hidden files included) except the
    /// manifest itself and writes <c>manifest.json</c>, listing them in ordinal path order.
    /// </summary>
    /// <remarks>The manifest is written to a temporary file, flushed to disk, then moved over any previous one, so a
    /// reader sees either the old or the new manifest, never half of one.</remarks>
    public static PackageManifest Write(string packageDirectory, DateTimeOffset createdAt)
    {
        var root = PackageRoot(packageDirectory);
        var files = Directory
            .EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => path is not PackageManifest.FileName and not TemporaryFileName)
            .Order(StringComparer.Ordinal)
            .Select(path => Describe(root, path))
            .ToList();
        var manifest = new PackageManifest(PackageManifest.CurrentFormatVersion, createdAt, files);
        WriteAtomically(root, manifest);
        return manifest;
    }

    /// <summary>
    /// Checks that every file the manifest lists exists with its listed length and SHA-256, and returns the manifest.
    /// </summary>
    /// <remarks>
    /// Files present but not listed are ignored, not reported: a package stays valid when tools add files beside it
    /// (a README, a cache); only what was packaged is guaranteed. Run <see cref="Write"/> again to include new files.
    /// </remarks>
    /// <exception cref="ModelPackageException">
    /// The manifest is missing, unreadable or invalid, or a listed file is missing, truncated, larger or modified;
    /// the message names the file.
    /// </exception>
    public static PackageManifest Verify(string packageDirectory)
    {
        var root = PackageRoot(packageDirectory);
        var manifest = ManifestReader.Read(root);
        foreach (var file in manifest.Files)
        {
            VerifyFile(root, file);
        }

        return manifest;
    }

    private static string PackageRoot(string packageDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageDirectory);
        var root = Path.GetFullPath(packageDirectory);
        return Directory.Exists(root)
            ? root
            : throw new ModelPackageException($"The model package folder {root} does not exist.", root);
    }

    private static PackageFile Describe(string root, string relativePath)
    {
        var (length, sha256) = FileHasher.Hash(ManifestReader.FullPath(root, relativePath));
        return new PackageFile(relativePath, length, sha256);
    }

    private static void WriteAtomically(string root, PackageManifest manifest)
    {
        var temporary = Path.Combine(root, TemporaryFileName);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, manifest, ManifestReader.JsonOptions);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path.Combine(root, PackageManifest.FileName), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void VerifyFile(string root, PackageFile file)
    {
        var path = ManifestReader.FullPath(root, file.Path);
        if (!File.Exists(path))
        {
            throw Problem(root, file, path, "is missing");
        }

        var length = new FileInfo(path).Length;
        if (length != file.Length)
        {
            var what = length < file.Length ? "is truncated" : "is larger than packaged";
            throw Problem(root, file, path, $"{what}: expected {file.Length} bytes, found {length}");
        }

        string sha256;
        try
        {
            (_, sha256) = FileHasher.Hash(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem(root, file, path, $"could not be read ({e.Message})", e);
        }

        if (!string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw Problem(root, file, path, $"was modified: its SHA-256 is {sha256}, the manifest lists {file.Sha256}");
        }
    }

    private static ModelPackageException Problem(string root, PackageFile file, string path, string what, Exception? inner = null) =>
        new($"{file.Path} {what} (model package {root}).", path, inner);
}

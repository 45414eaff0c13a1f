using System.Text.Json;

namespace Platform.Modeling.Packaging;

/// <summary>Reads <c>manifest.json</c> and rejects one that is missing, malformed, of a newer format or lists unsafe paths.</summary>
internal static class ManifestReader
{
    /// <summary>camelCase, indented; missing or null required members fail to read rather than turning into nulls.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    public static PackageManifest Read(string root)
    {
        var path = Path.Combine(root, PackageManifest.FileName);
        if (!File.Exists(path))
        {
            throw new ModelPackageException(
                $"{PackageManifest.FileName} is missing (model package {root}); the package is incomplete or was never written.", path);
        }

        PackageManifest? manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize<PackageManifest>(stream, JsonOptions);
        }
        catch (JsonException e)
        {
            throw Invalid(root, path, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelPackageException($"{PackageManifest.FileName} could not be read ({e.Message}) (model package {root}).", path, e);
        }

        return Validate(root, path, manifest ?? throw Invalid(root, path, "it holds null"));
    }

    /// <summary>The full path of a manifest entry; the entry must already be known to stay inside the package.</summary>
    public static string FullPath(string root, string relativePath) =>
        Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private static PackageManifest Validate(string root, string path, PackageManifest manifest)
    {
        if (manifest.FormatVersion is < 1 or > PackageManifest.CurrentFormatVersion)
        {
            throw Invalid(
                root, path, $"format version {manifest.FormatVersion} is not supported (this build reads 1 to {PackageManifest.CurrentFormatVersion})");
        }

        foreach (var file in manifest.Files)
        {
            if (file is null)
            {
                throw Invalid(root, path, "an entry of \"files\" is null");
            }

            if (!IsSafeRelativePath(file.Path))
            {
                throw Invalid(root, path, $"the entry \"{file.Path}\" is not a relative path inside the package");
            }

            if (file.Length < 0 || file.Sha256.Length != 64 || !file.Sha256.All(char.IsAsciiHexDigit))
            {
                throw Invalid(root, path, $"the entry \"{file.Path}\" needs a length of 0 or more and a 64-digit hex SHA-256");
            }
        }

        return manifest;
    }

    /// <summary>Forward slashes only, not rooted, no empty, "." or ".." segment: the entry cannot point outside the package.</summary>
    private static bool IsSafeRelativePath(string relativePath) =>
        relativePath.Length > 0
        && !relativePath.Contains('\\', StringComparison.Ordinal)
        && !Path.IsPathRooted(relativePath)
        && relativePath.Split('/').All(segment => segment is not ("" or "." or ".."));

    private static ModelPackageException Invalid(string root, string path, string reason, Exception? inner = null) =>
        new($"{PackageManifest.FileName} is not a valid package manifest: {reason} (model package {root}).", path, inner);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

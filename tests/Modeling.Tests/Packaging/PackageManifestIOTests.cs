using System.Security.Cryptography;
using Platform.Modeling.Packaging;

namespace Platform.Modeling.Tests.Packaging;

public sealed class PackageManifestIOTests : IDisposable
{
    private static readonly DateTimeOffset CreatedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TemporaryDirectory _package = new();

    public PackageManifestIOTests()
    {
        _package.Write("model.safetensors", [0, 1, 2, 3, 4, 5, 6, 7]);
        _package.Write("config.json", """{"hidden_size":32}""");
        _package.Write("labels.json", """["a","b"]""");
        _package.Write("tokenizer/vocab.txt", "[PAD]\n[UNK]\n");
    }

    public void Dispose() => _package.Dispose();

    [Fact]
    public void Write_NestedFiles_ListsEveryFileExceptTheManifestInOrdinalOrderWithForwardSlashes()
    {
        var manifest = PackageManifestIO.Write(_package.Path, CreatedAt);

        Assert.Equal(
            ["config.json", "labels.json", "model.safetensors", "tokenizer/vocab.txt"],
            manifest.Files.Select(f => f.Path));
        Assert.Equal(PackageManifest.CurrentFormatVersion, manifest.FormatVersion);
        Assert.Equal(CreatedAt, manifest.CreatedAt);
        Assert.True(File.Exists(Path.Combine(_package.Path, "manifest.json")));
    }

    [Fact]
    public void Write_KnownContent_RecordsLengthAndLowercaseSha256()
    {
        _package.Write("abc.txt", "abc");

        var manifest = PackageManifestIO.Write(_package.Path, CreatedAt);

        // FIPS 180-2 test vector for "abc".
        Assert.Contains(new PackageFile("abc.txt", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), manifest.Files);
    }

    [Fact]
    public void Write_FileLargerThanOneChunk_HashesTheWholeStream()
    {
        var content = new byte[(3 << 20) + 17];
        new Random(7).NextBytes(content);
        _package.Write("model.safetensors", content);

        var manifest = PackageManifestIO.Write(_package.Path, CreatedAt);

        var model = Assert.Single(manifest.Files, f => f.Path == "model.safetensors");
        Assert.Equal(content.Length, model.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), model.Sha256);
    }

    [Fact]
    public void Write_CalledAgain_NeitherListsTheOldManifestNorLeavesATemporaryFile()
    {
        PackageManifestIO.Write(_package.Path, CreatedAt);

        var manifest = PackageManifestIO.Write(_package.Path, CreatedAt.AddDays(1));

        Assert.DoesNotContain(manifest.Files, f => f.Path.StartsWith("manifest", StringComparison.Ordinal));
        Assert.Equal(["config.json", "labels.json", "manifest.json", "model.safetensors", "tokenizer"],
            Directory.EnumerateFileSystemEntries(_package.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Verify_UntouchedPackage_ReturnsTheWrittenManifest()
    {
        var written = PackageManifestIO.Write(_package.Path, CreatedAt);

        var verified = PackageManifestIO.Verify(_package.Path);

        Assert.Equal(written.FormatVersion, verified.FormatVersion);
        Assert.Equal(written.CreatedAt, verified.CreatedAt);
        Assert.Equal(written.Files, verified.Files);
    }

    [Fact]
    public void Verify_OneByteChanged_ThrowsWasModifiedNamingTheFile()
    {
        PackageManifestIO.Write(_package.Path, CreatedAt);
        var path = Path.Combine(_package.Path, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        bytes[3] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelPackageException>(() => PackageManifestIO.Verify(_package.Path));

        Assert.StartsWith("model.safetensors was modified", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Verify_TruncatedFile_ThrowsTruncatedWithBothLengths()
    {
        PackageManifestIO.Write(_package.Path, CreatedAt);
        _package.Write("model.safetensors", [0, 1, 2]);

        var error = Assert.Throws<ModelPackageException>(() => PackageManifestIO.Verify(_package.Path));

        Assert.StartsWith("model.safetensors is truncated: expected 8 bytes, found 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FileGrew_ThrowsLargerThanPackaged()
    {
        PackageManifestIO.Write(_package.Path, CreatedAt);
        _package.Write("labels.json", """["a","b","c"]""");

        var error = Assert.Throws<ModelPackageException>(() => PackageManifestIO.Verify(_package.Path));

        Assert.StartsWith("labels.json is larger than packaged: expected 9 bytes, found 13", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ListedFileMissing_ThrowsMissingNamingTheNestedPath()
    {
        PackageManifestIO.Write(_package.Path, CreatedAt);
        File.Delete(Path.Combine(_package.Path, "tokenizer", "vocab.txt"));

        var error = Assert.Throws<ModelPackageException>(() => PackageManifestIO.Verify(_package.Path));

        Assert.StartsWith("tokenizer/vocab.txt is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnlistedExtraFile_IsIgnored()
    {
        var written = PackageManifestIO.Write(_package.Path, CreatedAt);
        _package.Write("README.md", "added after packaging");

        var verified = PackageManifestIO.Verify(_package.Path);

        Assert.Equal(written.Files, verified.Files);
    }

    [Fact]
    public void Verify_ManifestMissing_ThrowsNamingManifest()
    {
        var error = Assert.Throws<ModelPackageException>(() => PackageManifestIO.Verify(_package.Path));

        Assert.StartsWith("manifest.json is missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_package.Path, "manifest.json"), error.FilePath);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("""{"formatVersion":1,"createdAt":"2025-01-02T03:04:05+00:00"}""")]
    [InlineData("""{"formatVersion":1,"createdAt":"2025-01-02T03:04:05+00:00","files":[{"path":"x","length":1}]}""")]
    public void Verify_GarbageManifest_ThrowsNotAValidManifest(string json)
    {
        _package.Write("manifest.json", json);

        var error = Assert.Throws<ModelPackageException>(() => PackageManifestIO.Verify(_package.Path));

        Assert.StartsWith("manifest.json is not a valid package manifest", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData(@"a\b")]
    public void Verify_EntryPointingOutsideThePackage_ThrowsNotAValidManifest(string path)
    {
        _package.Write("manifest.json", $$"""
            {"formatVersion":1,"createdAt":"2025-01-02T03:04:05+00:00",
             "files":[{"path":{{System.Text.Json.JsonSerializer.Serialize(path)}},"length":0,"sha256":"{{new string('0', 64)}}"}]}
            """);

        var error = Assert.Throws<ModelPackageException>(() => PackageManifestIO.Verify(_package.Path));

        Assert.Contains("is not a relative path inside the package", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NewerFormatVersion_ThrowsNotSupported()
    {
        _package.Write("manifest.json", """{"formatVersion":99,"createdAt":"2025-01-02T03:04:05+00:00","files":[]}""");

        var error = Assert.Throws<ModelPackageException>(() => PackageManifestIO.Verify(_package.Path));

        Assert.Contains("format version 99 is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FolderDoesNotExist_ThrowsNamingTheFolder()
    {
        var missing = Path.Combine(_package.Path, "nope");

        var error = Assert.Throws<ModelPackageException>(() => PackageManifestIO.Write(missing, CreatedAt));

        Assert.Equal(missing, error.FilePath);
    }
}

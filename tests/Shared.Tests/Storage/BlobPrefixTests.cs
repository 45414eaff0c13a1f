using Platform.Shared.Storage;

namespace Platform.Shared.Tests.Storage;

public sealed class BlobPrefixTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "blob-prefix-root") + Path.DirectorySeparatorChar;

    [Theory]
    [InlineData("model/config.json", "config.json")]
    [InlineData("model/onnx/model.onnx", "onnx/model.onnx")]
    public void LocalPath_NameUnderThePrefix_LandsUnderTheRoot(string blobName, string relative)
    {
        var path = BlobPrefix.LocalPath(Root, "models", blobName, "model/");

        Assert.Equal(Path.GetFullPath(Path.Combine(Root, relative)), path);
    }

    [Theory]
    [InlineData("model/../../etc/passwd")]
    [InlineData("model/../sibling/file")]
    [InlineData("model//etc/passwd")]
    [InlineData("model/")]
    public void LocalPath_NameThatEscapesTheFolder_IsRefusedNamingTheBlob(string blobName)
    {
        var error = Assert.Throws<BlobPathException>(() => BlobPrefix.LocalPath(Root, "models", blobName, "model/"));

        Assert.Contains($"'models/{blobName}'", error.Message, StringComparison.Ordinal);
    }
}

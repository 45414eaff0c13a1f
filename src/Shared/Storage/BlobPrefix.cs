using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Platform.Shared.Storage;

/// <summary>
/// Blob "folders" (name prefixes) downloaded to disk: the one implementation every part uses (model packages, base
/// models, checkpoints, job data), with one path policy: a blob whose name would land outside the target folder
/// (<c>../</c>, an absolute path) is refused naming it, never skipped silently and never written.
/// </summary>
public static class BlobPrefix
{
    /// <summary>Downloads every blob under <paramref name="prefix"/> into <paramref name="directory"/>, keeping relative paths; returns the count (0 when the container does not exist).</summary>
    public static async Task<int> DownloadAsync(BlobContainerClient container, string prefix, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(prefix);
        var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var count = 0;
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
            {
                var path = LocalPath(root, container.Name, item.Name, prefix);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await container.GetBlobClient(item.Name).DownloadToAsync(path, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404 && count == 0)
        {
            // No such container: no such folder either.
        }

        return count;
    }

    /// <summary>Where blob <paramref name="blobName"/> lands under <paramref name="root"/>; throws <see cref="BlobPathException"/> when outside it.</summary>
    public static string LocalPath(string root, string containerName, string blobName, string prefix)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(blobName);
        ArgumentNullException.ThrowIfNull(prefix);
        var relative = blobName[prefix.Length..];
        var path = Path.GetFullPath(Path.Combine(root, relative));
        return relative.Length > 0 && !Path.IsPathRooted(relative) && path.StartsWith(root, StringComparison.Ordinal)
            ? path
            : throw new BlobPathException($"Blob '{containerName}/{blobName}' would be written outside the folder it is downloaded to; rename it (no '..' segments or absolute paths).");
    }
}

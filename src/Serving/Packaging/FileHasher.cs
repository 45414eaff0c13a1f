using System.Buffers;
using System.Security.Cryptography;

namespace Platform.Modeling.Packaging;

/// <summary>Streams a file through SHA-256 in fixed-size chunks, so a 100 MB model never sits in memory whole.</summary>
internal static class FileHasher
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Returns the number of bytes read and their SHA-256 as lowercase hex.</summary>
    public static (long Length, string Sha256) Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long length = 0;
            int read;
            while ((read = stream.Read(buffer, 0, ChunkSize)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
                length += read;
            }

            return (length, Convert.ToHexStringLower(sha256.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

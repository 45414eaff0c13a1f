using System.Security.Cryptography;

namespace Platform.Pipeline.Handlers.Uploads;

/// <summary>
/// A request body read once, forward only, on its way to Blob Storage: hashed (SHA-256, the job id's input) and counted
/// as it passes, and stopped with <see cref="UploadTooLargeException"/> the moment it passes the limit, so a body is never
/// held whole and an oversized one never becomes a blob (its uncommitted blocks are discarded by the service).
/// </summary>
internal sealed class UploadBodyStream(Stream inner, long maxBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _peeked = -1;

    public long BytesRead { get; private set; }

    /// <summary>Lower-case hex SHA-256 of everything read; call once, at the end.</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <summary>Whether the body holds at least one byte (that byte is kept and read first).</summary>
    public async Task<bool> HasDataAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        var read = await inner.ReadAsync(one, cancellationToken).ConfigureAwait(false);
        _peeked = read == 1 ? one[0] : -1;
        return read == 1;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (TakePeeked(buffer) is { } first)
        {
            return first;
        }

        return Count(buffer, inner.Read(buffer));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (TakePeeked(buffer.Span) is { } first)
        {
            return first;
        }

        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span, read);
    }

    private int? TakePeeked(Span<byte> buffer)
    {
        if (_peeked < 0)
        {
            return null;
        }

        buffer[0] = (byte)_peeked;
        _peeked = -1;
        return Count(buffer, 1);
    }

    private int Count(Span<byte> buffer, int read)
    {
        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            throw new UploadTooLargeException(maxBytes);
        }

        _hash.AppendData(buffer[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}

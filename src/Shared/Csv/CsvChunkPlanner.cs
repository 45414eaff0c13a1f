namespace Platform.Shared.Csv;

/// <summary>
/// Cuts a UTF-8 CSV into byte ranges of whole records in one forward pass over its bytes, with a fixed buffer whatever
/// the file's size. A record ends at a line feed outside quotes; quotes toggle quoting, as Sep reads them, so a quoted
/// cell with line breaks never straddles two chunks. In UTF-8 a quote or line feed byte is never part of another
/// character, so the bytes need no decoding. A chunk ends at the first record end at or after its target size, which is
/// <c>targetBytes</c>, or more where the file would otherwise give more than <c>maxChunks</c> chunks.
/// </summary>
public static class CsvChunkPlanner
{
    private const int BufferBytes = 64 * 1024;

    /// <param name="csv">The file from its first byte; read to its end, not disposed.</param>
    /// <param name="length">The file's length in bytes (what sizes the chunks); the plan covers what is read.</param>
    /// <param name="targetBytes">The size a chunk should reach before it ends.</param>
    /// <param name="maxChunks">At most about this many chunks, whatever the length.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    public static async Task<CsvChunkPlan> PlanAsync(Stream csv, long length, long targetBytes, int maxChunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunks, 1);
        var target = Math.Max(targetBytes, (Math.Max(length, 0) + maxChunks - 1) / maxChunks);
        var state = new ScanState(target);
        var buffer = new byte[BufferBytes];
        int read;
        while ((read = await csv.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            state.Scan(buffer.AsSpan(0, read));
        }

        return state.Finish();
    }

    /// <summary>The pass's state between buffers.</summary>
    private sealed class ScanState(long target)
    {
        private readonly List<CsvChunk> _chunks = [];
        private long _position;
        private int _line = 1;
        private bool _quoted;
        private bool _blank = true;
        private int _recordLine = 1;
        private long _headerEnd;
        private int _headerLine;
        private long _chunkStart;
        private int _chunkLine;

        public void Scan(ReadOnlySpan<byte> bytes)
        {
            var i = 0;
            while (i < bytes.Length)
            {
                if (_headerLine == 0 && _blank)
                {
                    // Before the header, every byte counts: whitespace lines are skipped, the first other one is the header.
                    var b = bytes[i];
                    if (b is not ((byte)'"' or (byte)'\n') && !IsBlank(b, _position))
                    {
                        _blank = false;
                    }

                    Take(b);
                    i++;
                    continue;
                }

                // Then only quotes and line feeds matter: skip to the next one (vectorized).
                var next = bytes[i..].IndexOfAny((byte)'"', (byte)'\n');
                if (next < 0)
                {
                    _position += bytes.Length - i;
                    return;
                }

                _position += next;
                i += next;
                Take(bytes[i]);
                i++;
            }
        }

        /// <summary>Accounts for one byte at <see cref="_position"/> and moves past it.</summary>
        private void Take(byte b)
        {
            if (b == (byte)'"')
            {
                _quoted = !_quoted;
                _blank = false;
            }
            else if (b == (byte)'\n')
            {
                _line++;
                if (!_quoted)
                {
                    EndRecord(_position + 1);
                }
            }

            _position++;
        }

        public CsvChunkPlan Finish()
        {
            if (_headerLine == 0)
            {
                if (!_blank)
                {
                    _headerEnd = _position;
                    _headerLine = _recordLine;
                }

                return new CsvChunkPlan(_position, _headerEnd, _headerLine, _chunks);
            }

            if (_chunkStart < _position)
            {
                _chunks.Add(new CsvChunk(_chunks.Count, _chunkStart, _position - _chunkStart, _chunkLine));
            }

            return new CsvChunkPlan(_position, _headerEnd, _headerLine, _chunks);
        }

        private void EndRecord(long end)
        {
            if (_headerLine == 0)
            {
                if (!_blank)
                {
                    _headerEnd = end;
                    _headerLine = _recordLine;
                    _chunkStart = end;
                    _chunkLine = _line;
                }

                _recordLine = _line;
                _blank = true;
                return;
            }

            if (end - _chunkStart >= target)
            {
                _chunks.Add(new CsvChunk(_chunks.Count, _chunkStart, end - _chunkStart, _chunkLine));
                _chunkStart = end;
                _chunkLine = _line;
            }
        }

        // Whitespace, and a UTF-8 byte order mark at the very start: what may precede the header without being it.
        private static bool IsBlank(byte b, long position) => b is (byte)' ' or (byte)'\t' or (byte)'\r' || (position < 3 && b is 0xEF or 0xBB or 0xBF);
    }
}

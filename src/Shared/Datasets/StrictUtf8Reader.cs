using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Platform.Shared.Datasets;

/// <summary>
/// Decodes a stream as strict UTF-8 (optional BOM) for Sep, so invalid bytes and NUL characters are
/// reported with the line they are on instead of being replaced by U+FFFD and parsed as data.
/// Line numbers count LF, which covers LF and CRLF files. A part of a file (a batch-scoring chunk) is read with the
/// file's line and byte numbers by passing where it starts; only the start of a file may carry a byte order mark.
/// </summary>
internal sealed class StrictUtf8Reader(Stream stream, int firstLine = 1, long byteOffset = 0) : TextReader
{
    private const int ChunkBytes = 64 * 1024;
    private const int ControlSampleChars = 8 * 1024;
    private const int MaxControlCharacters = 8;

    private readonly byte[] _bytes = new byte[ChunkBytes];
    private readonly char[] _chars = new char[ChunkBytes];
    private int _byteStart;
    private int _byteEnd;
    private int _charPos;
    private int _charEnd;
    private bool _streamEnded;
    private bool _preambleChecked = byteOffset > 0;
    private bool _startChecked;
    private int _lineBreaks = firstLine - 1;

    /// <summary>Bytes read from the stream, BOM included.</summary>
    public long BytesRead { get; private set; }

    public bool HadBom { get; private set; }

    public override int Peek() => _charPos < _charEnd || Fill() ? _chars[_charPos] : -1;

    public override int Read() => _charPos < _charEnd || Fill() ? _chars[_charPos++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_charPos == _charEnd && !Fill()))
        {
            return 0;
        }
        var n = Math.Min(buffer.Length, _charEnd - _charPos);
        _chars.AsSpan(_charPos, n).CopyTo(buffer);
        _charPos += n;
        return n;
    }

    private bool Fill()
    {
        _charPos = 0;
        _charEnd = 0;
        while (_charEnd == 0)
        {
            if (_byteStart == _byteEnd || !DecodeAvailable())
            {
                if (_streamEnded)
                {
                    return false;
                }
                ReadMoreBytes();
            }
        }
        return true;
    }

    private void ReadMoreBytes()
    {
        var leftover = _byteEnd - _byteStart;
        Buffer.BlockCopy(_bytes, _byteStart, _bytes, 0, leftover);
        _byteStart = 0;
        _byteEnd = leftover;
        var n = stream.Read(_bytes, _byteEnd, _bytes.Length - _byteEnd);
        BytesRead += n;
        _byteEnd += n;
        _streamEnded = n == 0;
        if (!_preambleChecked && (_byteEnd >= 3 || _streamEnded))
        {
            CheckPreamble();
        }
    }

    private void CheckPreamble()
    {
        _preambleChecked = true;
        var head = _bytes.AsSpan(0, _byteEnd);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            HadBom = true;
            _byteStart = 3;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new NotTextException(
                "The file is UTF-16 encoded (it starts with a UTF-16 byte order mark). Save it as 'CSV UTF-8' and upload it again.", 1);
        }
    }

    /// <summary>
    /// Text files have next to no control characters other than tab and line breaks; binary formats that happen to be
    /// valid UTF-8 without NULs have many. Checked on the first block, before a header is read.
    /// </summary>
    private void CheckStartIsText(ReadOnlySpan<char> start, long offset)
    {
        var sample = start[..Math.Min(start.Length, ControlSampleChars)];
        var controls = 0;
        var first = -1;
        for (var i = 0; i < sample.Length; i++)
        {
            var c = sample[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                controls++;
                first = first < 0 ? i : first;
            }
        }

        if (controls > Math.Max(MaxControlCharacters, sample.Length / 100))
        {
            var line = _lineBreaks + sample[..first].Count('\n') + 1;
            throw new NotTextException(
                $"The file is not text: {controls:N0} of its first {sample.Length:N0} characters are control characters (the first, U+{(int)sample[first]:X4}, at byte {offset + Encoding.UTF8.GetByteCount(sample[..first]):N0} on line {line}). " +
                "Upload a CSV exported as 'CSV UTF-8', not a spreadsheet, archive or other binary file.", line);
        }
    }

    /// <summary>Decodes what is buffered; false when more bytes are needed to make progress.</summary>
    private bool DecodeAvailable()
    {
        if (!_preambleChecked)
        {
            return false;
        }
        var source = _bytes.AsSpan(_byteStart, _byteEnd - _byteStart);
        var status = Utf8.ToUtf16(source, _chars, out var bytesRead, out var charsWritten,
            replaceInvalidSequences: false, isFinalBlock: _streamEnded);
        var decoded = _chars.AsSpan(0, charsWritten);
        var chunkOffset = byteOffset + BytesRead - (_byteEnd - _byteStart);
        var nul = decoded.IndexOf('\0');
        if (nul >= 0)
        {
            var line = _lineBreaks + decoded[..nul].Count('\n') + 1;
            throw new NotTextException(
                $"Line {line} contains a NUL character (byte {chunkOffset + Encoding.UTF8.GetByteCount(decoded[..nul]):N0}): this looks like a binary file (or UTF-16 text without a byte order mark), not a CSV of texts. Export the data as 'CSV UTF-8'.", line);
        }

        if (!_startChecked)
        {
            _startChecked = true;
            CheckStartIsText(decoded, chunkOffset);
        }
        if (status == OperationStatus.InvalidData)
        {
            var line = _lineBreaks + source[..bytesRead].Count((byte)'\n') + 1;
            var badByte = source[bytesRead];
            throw new NotTextException(
                $"Line {line} contains bytes that are not valid UTF-8 (0x{badByte:X2} at byte {chunkOffset + bytesRead}). The file is binary or in another encoding (e.g. Windows-1252 or Latin-1); save it as 'CSV UTF-8' and upload it again.", line);
        }
        _lineBreaks += source[..bytesRead].Count((byte)'\n');
        _byteStart += bytesRead;
        _charEnd = charsWritten;
        return charsWritten > 0;
    }
}

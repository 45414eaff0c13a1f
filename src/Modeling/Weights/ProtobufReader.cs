namespace Platform.Modeling.Weights;

/// <summary>Minimal forward-only reader of the protobuf wire format, enough to walk an ONNX model.</summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly bool AtEnd => _position >= _buffer.Length;

    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _buffer[_position++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("Malformed protobuf varint.");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = checked((int)ReadVarint());
        var slice = _buffer.Slice(_position, length);
        _position += length;
        return slice;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: _position += 8; break;
            case 2: ReadLengthDelimited(); break;
            case 5: _position += 4; break;
            default: throw new InvalidDataException($"Unsupported protobuf wire type {wireType}.");
        }
    }
}

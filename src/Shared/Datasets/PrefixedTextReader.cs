namespace Platform.Shared.Datasets;

/// <summary>Reads <paramref name="prefix"/>, then the rest of <paramref name="rest"/> (which it does not dispose).</summary>
internal sealed class PrefixedTextReader(string prefix, TextReader rest) : TextReader
{
    private int _position;

    public override int Peek() => _position < prefix.Length ? prefix[_position] : rest.Peek();

    public override int Read() => _position < prefix.Length ? prefix[_position++] : rest.Read();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (_position < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        return rest.Read(buffer);
    }
}

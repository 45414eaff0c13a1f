namespace Platform.Shared.Datasets;

/// <summary>Raised by <see cref="StrictUtf8Reader"/> when the upload is not UTF-8 text; turned into a <c>not_text</c> rejection.</summary>
internal sealed class NotTextException(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}

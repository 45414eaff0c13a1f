namespace Platform.Shared.Datasets;

/// <summary>
/// Finds the field delimiter from the header line: a comma when the header has one, else the one of <c>;</c>, tab and
/// <c>|</c> it uses most (Excel writes <c>;</c> in many locales). Reads only the lines up to the first non-blank one and
/// hands them back, so the parser still sees the whole file.
/// </summary>
internal static class DelimiterDetector
{
    public const char Comma = ',';

    /// <summary>Delimiters accepted, by option or detection.</summary>
    public static readonly char[] Supported = [Comma, ';', '\t', '|'];

    // A header longer than this is not a header; the parser reports what it finds.
    private const int MaxHeaderChars = 1 << 20;

    /// <summary>The delimiter to parse with; <paramref name="consumed"/> holds what was read and must be parsed first.</summary>
    public static char Detect(TextReader text, out string consumed)
    {
        var read = new System.Text.StringBuilder();
        var lineStart = 0;
        int c;
        while (read.Length < MaxHeaderChars && (c = text.Read()) >= 0)
        {
            read.Append((char)c);
            if (c != '\n')
            {
                continue;
            }

            if (!IsBlank(read, lineStart))
            {
                break;
            }

            lineStart = read.Length;
        }

        consumed = read.ToString();
        return Choose(consumed.AsSpan(lineStart));
    }

    /// <summary>Names a delimiter for messages: <c>';'</c>, <c>tab</c>.</summary>
    public static string Name(char delimiter) => delimiter == '\t' ? "tab" : $"'{delimiter}'";

    private static char Choose(ReadOnlySpan<char> header)
    {
        var counts = new int[Supported.Length];
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && Array.IndexOf(Supported, c) is var i and >= 0)
            {
                counts[i]++;
            }
        }

        if (counts[0] > 0)
        {
            return Comma;
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Supported[best];
    }

    private static bool IsBlank(System.Text.StringBuilder text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

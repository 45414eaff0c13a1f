namespace Platform.Shared.Datasets;

/// <summary>Finds quote mistakes in a raw (not yet unescaped) record, the way Sep reads quotes: every quote toggles quoting.</summary>
internal static class QuoteScanner
{
    /// <summary>Index of the quote that opened the field still open at the end of <paramref name="raw"/>, or -1 if all are closed.</summary>
    public static int FindUnterminated(ReadOnlySpan<char> raw)
    {
        var open = -1;
        var index = raw.IndexOf('"');
        while (index >= 0)
        {
            open = open < 0 ? index : -1;
            var next = raw[(index + 1)..].IndexOf('"');
            index = next < 0 ? -1 : index + 1 + next;
        }
        return open;
    }

    /// <summary>
    /// Index of the first quote whose quoted text runs over a line break, or -1: where a quote was most likely left open
    /// when a record spans many lines (a later quote "closed" it and parsing went on far beyond).
    /// </summary>
    public static int FindFirstMultiline(ReadOnlySpan<char> raw)
    {
        var index = raw.IndexOf('"');
        while (index >= 0)
        {
            var close = raw[(index + 1)..].IndexOf('"');
            var quoted = close < 0 ? raw[(index + 1)..] : raw.Slice(index + 1, close);
            if (quoted.Contains('\n'))
            {
                return index;
            }

            if (close < 0)
            {
                return -1;
            }

            var next = raw[(index + close + 2)..].IndexOf('"');
            index = next < 0 ? -1 : index + close + 2 + next;
        }

        return -1;
    }

    /// <summary>
    /// Index of the first quote RFC 4180 does not allow (an opening quote that is not at the start of a
    /// field, or a closing quote not followed by a separator or the end), or -1.
    /// </summary>
    public static int FindStray(ReadOnlySpan<char> raw, char separator)
    {
        var inQuotes = false;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '"')
            {
                continue;
            }
            if (!inQuotes)
            {
                if (i > 0 && raw[i - 1] != separator)
                {
                    return i;
                }
                inQuotes = true;
            }
            else if (i + 1 < raw.Length && raw[i + 1] == '"')
            {
                i++;
            }
            else
            {
                if (i + 1 < raw.Length && raw[i + 1] != separator && raw[i + 1] != '\r' && raw[i + 1] != '\n')
                {
                    return i;
                }
                inQuotes = false;
            }
        }
        return -1;
    }
}

using System.Text;

namespace Platform.Shared.Datasets;

/// <summary>
/// The identity of a text for duplicate detection and split disjointness: Unicode NFC, trimmed, runs of
/// whitespace collapsed to one space. Case and punctuation are kept, since they can carry the label
/// ("GREAT" vs "great" may be different examples); whitespace and composition differences cannot,
/// because tokenizers erase them.
/// </summary>
internal static class TextKey
{
    public static string For(string text)
    {
        if (IsCanonical(text))
        {
            return text;
        }
        var normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Fast path: ASCII-only or already-NFC text without leading, trailing, doubled or non-space whitespace.</summary>
    private static bool IsCanonical(string text)
    {
        var span = text.AsSpan();
        if (span.IsEmpty)
        {
            return true;
        }
        if (char.IsWhiteSpace(span[0]) || char.IsWhiteSpace(span[^1]))
        {
            return false;
        }
        var previousWasSpace = false;
        var ascii = true;
        foreach (var c in span)
        {
            if (c == ' ')
            {
                if (previousWasSpace)
                {
                    return false;
                }
                previousWasSpace = true;
                continue;
            }
            previousWasSpace = false;
            if (c < 0x80)
            {
                if (c < ' ')
                {
                    return false;
                }
                continue;
            }
            ascii = false;
            if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }
        return ascii || text.IsNormalized(NormalizationForm.FormC);
    }
}

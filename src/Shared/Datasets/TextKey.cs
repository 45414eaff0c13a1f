using System.Buffers;
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
    // Control characters and every Unicode whitespace except the plain space.
    private static readonly SearchValues<char> s_notCanonical = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F" +
        "\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

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

    /// <summary>Fast path (vectorized): no leading, trailing, doubled or non-space whitespace, no control characters, already NFC.</summary>
    private static bool IsCanonical(string text)
    {
        var span = text.AsSpan();
        if (span.IsEmpty)
        {
            return true;
        }
        if (char.IsWhiteSpace(span[0]) || char.IsWhiteSpace(span[^1]) || span.IndexOfAny(s_notCanonical) >= 0 || span.Contains("  ", StringComparison.Ordinal))
        {
            return false;
        }
        return Ascii.IsValid(span) || text.IsNormalized(NormalizationForm.FormC);
    }
}

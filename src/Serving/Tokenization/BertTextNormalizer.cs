using System.Text;

namespace Platform.Modeling.Tokenization;

/// <summary>
/// The Unicode path of Hugging Face BertTokenizer's text preparation, in HF's order: per-character lower-casing
/// (PreTrainedTokenizer.tokenize), _clean_text, _tokenize_chinese_chars, NFC, then per word lower-casing, NFD and
/// dropping Mn marks. Words come back separated by single spaces; punctuation is split later.
/// </summary>
internal static class BertTextNormalizer
{
    private const int CapitalIWithDotAbove = 0x130;

    public static string Normalize(ReadOnlySpan<char> text, bool lowerCase)
    {
        var cleaned = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            if (BertCharacters.IsRemoved(rune))
            {
                continue;
            }

            if (BertCharacters.IsWhitespace(rune))
            {
                cleaned.Append(' ');
            }
            else if (BertCharacters.IsCjkIdeograph(rune.Value))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else if (lowerCase)
            {
                AppendLower(cleaned, rune);
            }
            else
            {
                AppendRune(cleaned, rune);
            }
        }

        var composed = cleaned.ToString().Normalize(NormalizationForm.FormC);
        return lowerCase ? LowerAndStripAccents(composed) : composed;
    }

    private static string LowerAndStripAccents(string composed)
    {
        // NFC can map a character to an upper-case one (U+1FBB), so BasicTokenizer's own lower() still matters.
        var lowered = new StringBuilder(composed.Length);
        foreach (var rune in composed.EnumerateRunes())
        {
            AppendLower(lowered, rune);
        }

        var decomposed = lowered.ToString().Normalize(NormalizationForm.FormD);
        var stripped = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                AppendRune(stripped, rune);
            }
        }

        return stripped.ToString();
    }

    /// <summary>
    /// Python's str.lower() of one character: the simple mapping, except that U+0130 lowers to "i" plus a combining
    /// dot. HF lowers character by character, so the context-dependent final sigma never applies.
    /// </summary>
    private static void AppendLower(StringBuilder builder, Rune rune)
    {
        if (rune.Value == CapitalIWithDotAbove)
        {
            builder.Append("i\u0307");
            return;
        }

        AppendRune(builder, Rune.ToLowerInvariant(rune));
    }

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        Span<char> utf16 = stackalloc char[2];
        builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
    }
}

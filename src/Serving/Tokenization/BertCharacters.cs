using System.Buffers;
using System.Globalization;
using System.Text;

namespace Platform.Modeling.Tokenization;

/// <summary>Hugging Face BasicTokenizer's character classes (_is_whitespace, _is_control, _is_punctuation, _is_chinese_char).</summary>
internal static class BertCharacters
{
    /// <summary>ASCII that needs neither cleaning nor Unicode normalisation: printable characters plus tab, LF and CR.</summary>
    public static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        "\t\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>CharKind of each ASCII character: 0 word, 1 whitespace (tab, LF, CR, space), 2 punctuation.</summary>
    private static ReadOnlySpan<byte> AsciiKinds =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2,
        2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2,
        2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 0,
    ];

    /// <summary>
    /// The kind of the character at <paramref name="index"/> in text whose only non-ASCII whitespace has been
    /// turned into spaces; a punctuation character outside the BMP is reported at its high surrogate.
    /// </summary>
    public static CharKind KindAt(ReadOnlySpan<char> text, int index)
    {
        var c = text[index];
        if (c < 128)
        {
            return (CharKind)AsciiKinds[c];
        }

        return Rune.DecodeFromUtf16(text[index..], out var rune, out _) == OperationStatus.Done && IsPunctuation(rune)
            ? CharKind.Punctuation
            : CharKind.Word;
    }

    /// <summary>True for the ASCII ranges HF counts as punctuation whatever their category: 33–47, 58–64, 91–96, 123–126.</summary>
    public static bool IsAsciiPunctuation(int c) =>
        c is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126);

    public static bool IsPunctuation(Rune rune) =>
        rune.IsAscii
            ? IsAsciiPunctuation(rune.Value)
            : Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
                or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    /// <summary>Space, tab, LF, CR and the Zs category; Zl and Zp too, because Python's str.split() splits on them.</summary>
    public static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator;

    /// <summary>Characters _clean_text drops: NUL, U+FFFD and every C* category except tab, LF and CR.</summary>
    public static bool IsRemoved(Rune rune) =>
        rune.Value is 0 or 0xFFFD
        || (rune.Value is not ('\t' or '\n' or '\r')
            && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);

    /// <summary>The CJK ideograph blocks of HF's _is_chinese_char; they become tokens of their own.</summary>
    public static bool IsCjkIdeograph(int cp) =>
        cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}

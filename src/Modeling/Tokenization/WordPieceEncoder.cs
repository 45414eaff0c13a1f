using System.Buffers;
using System.Text;

namespace Platform.Modeling.Tokenization;

/// <summary>
/// Hugging Face BertTokenizer from text to ids: special-token split, BasicTokenizer, WordpieceTokenizer.
/// Plain ASCII text takes a path with no normalisation and no allocation; other text goes through
/// <see cref="BertTextNormalizer"/> first. Immutable, so safe to share between threads.
/// </summary>
internal sealed class WordPieceEncoder(WordPieceModel model, SpecialTokenMatcher? specialTokens, bool lowerCase)
{
    private const int StackBufferLength = 512;

    public bool Encode<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (specialTokens is null)
        {
            return EncodeSegment(text, ref sink);
        }

        // As HF's added-token trie: a special token written in the text is that token, and the text either
        // side of it is tokenized on its own.
        while (specialTokens.Find(text, out var index, out var length, out var id))
        {
            if (!EncodeSegment(text[..index], ref sink) || !sink.Accept(id))
            {
                return false;
            }

            text = text[(index + length)..];
        }

        return EncodeSegment(text, ref sink);
    }

    private bool EncodeSegment<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (text.ContainsAnyExcept(BertCharacters.PlainAscii))
        {
            var normalized = BertTextNormalizer.Normalize(text, lowerCase);
            return SplitWords(normalized, checkSpecialWords: specialTokens is not null && !lowerCase, ref sink);
        }

        if (!lowerCase)
        {
            return SplitWords(text, checkSpecialWords: false, ref sink);
        }

        char[]? rented = null;
        var buffer = text.Length <= StackBufferLength
            ? stackalloc char[StackBufferLength]
            : rented = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var lowered = buffer[..text.Length];
            Ascii.ToLower(text, lowered, out _);
            return SplitWords(lowered, checkSpecialWords: false, ref sink);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whitespace split, then punctuation split; each word goes to WordPiece.</summary>
    private bool SplitWords<TSink>(ReadOnlySpan<char> text, bool checkSpecialWords, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                i++;
                continue;
            }

            // Cased BasicTokenizer keeps a whitespace-delimited special token whole (never_split); it can
            // only appear here after cleaning removed something from inside it.
            if (checkSpecialWords && (i == 0 || text[i - 1] == ' ') && specialTokens!.MatchWord(text[i..], out var wordLength, out var specialId))
            {
                if (!sink.Accept(specialId))
                {
                    return false;
                }

                i += wordLength;
                continue;
            }

            var length = PunctuationLength(text[i..]);
            if (length > 0)
            {
                if (!model.Append(text.Slice(i, length), ref sink))
                {
                    return false;
                }

                i += length;
                continue;
            }

            var start = i;
            do
            {
                i += c < 128 ? 1 : char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
            }
            while (i < text.Length && (c = text[i]) is not (' ' or '\t' or '\n' or '\r') && PunctuationLength(text[i..]) == 0);

            if (!model.Append(text[start..i], ref sink))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>UTF-16 length of the punctuation character starting <paramref name="text"/>, or 0 if it is not one.</summary>
    private static int PunctuationLength(ReadOnlySpan<char> text)
    {
        var c = text[0];
        if (c < 128)
        {
            return BertCharacters.IsAsciiPunctuation(c) ? 1 : 0;
        }

        return Rune.DecodeFromUtf16(text, out var rune, out var consumed) == OperationStatus.Done && BertCharacters.IsPunctuation(rune)
            ? consumed
            : 0;
    }
}

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
            var kind = BertCharacters.KindAt(text, i);
            if (kind == CharKind.Whitespace)
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

            var start = i;
            if (kind == CharKind.Punctuation)
            {
                i += char.IsHighSurrogate(text[i]) ? 2 : 1;
            }
            else
            {
                // A low surrogate is never a boundary, so stepping one UTF-16 unit at a time is safe.
                while (++i < text.Length && BertCharacters.KindAt(text, i) == CharKind.Word)
                {
                }
            }

            if (!model.Append(text[start..i], ref sink))
            {
                return false;
            }
        }

        return true;
    }
}

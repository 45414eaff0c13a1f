namespace Platform.Modeling.Tokenization;

/// <summary>HF WordpieceTokenizer on one word: greedy longest-match-first with "##" continuations.</summary>
internal sealed class WordPieceModel(WordPieceVocabulary vocabulary, int unknownId)
{
    /// <summary>HF's max_input_chars_per_word, counted in code points as Python does.</summary>
    public const int MaxInputCharsPerWord = 100;

    public WordPieceVocabulary Vocabulary { get; } = vocabulary;

    public int UnknownId { get; } = unknownId;

    /// <summary>Emits the pieces of one word, or a single unknown token when the word cannot be pieced.</summary>
    public bool Append<TSink>(ReadOnlySpan<char> word, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (word.Length > MaxInputCharsPerWord && IsTooLong(word))
        {
            return sink.Accept(UnknownId);
        }

        if (Vocabulary.TryGetWordStart(word, out var wholeWord))
        {
            return sink.Accept(wholeWord);
        }

        // A word fails as a whole, so its pieces wait here until the last one is found.
        Span<int> pieces = stackalloc int[word.Length];
        var count = 0;
        var start = 0;
        while (start < word.Length)
        {
            var isFirst = start == 0;
            var end = Math.Min(word.Length, start + (isFirst ? Vocabulary.MaxWordStartLength : Vocabulary.MaxContinuationLength));
            var id = -1;
            for (; end > start; end--)
            {
                var piece = word[start..end];
                if (isFirst ? Vocabulary.TryGetWordStart(piece, out id) : Vocabulary.TryGetContinuation(piece, out id))
                {
                    break;
                }
            }

            if (end == start)
            {
                if (sink is IUnknownWordSink)
                {
                    // A struct sink is copied by the cast; it keeps what it counts in a shared object.
                    ((IUnknownWordSink)sink).Unknown(word);
                }

                return sink.Accept(UnknownId);
            }

            pieces[count++] = id;
            start = end;
        }

        foreach (var piece in pieces[..count])
        {
            if (!sink.Accept(piece))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTooLong(ReadOnlySpan<char> word)
    {
        var codePoints = word.Length;
        foreach (var c in word)
        {
            if (char.IsLowSurrogate(c))
            {
                codePoints--;
            }
        }

        return codePoints > MaxInputCharsPerWord;
    }
}

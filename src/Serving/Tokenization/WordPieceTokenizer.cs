using System.Text;

namespace Platform.Modeling.Tokenization;

/// <summary>
/// BERT WordPiece tokenization that matches Hugging Face's (slow) BertTokenizer token for token. Immutable and
/// thread-safe: one instance can serve every request.
/// </summary>
/// <remarks>
/// As in HF (split_special_tokens=False), "[CLS]", "[SEP]", "[PAD]", "[UNK]" and "[MASK]" written in the text,
/// case-sensitively, are those special tokens; pass <c>splitSpecialTokens: true</c> to tokenize them as text.
/// </remarks>
public sealed class WordPieceTokenizer
{
    private readonly WordPieceVocabulary _vocabulary;
    private readonly WordPieceEncoder _encoder;
    private readonly bool _splitSpecialTokens;

    private WordPieceTokenizer(WordPieceVocabulary vocabulary, bool lowerCase, bool splitSpecialTokens)
    {
        _vocabulary = vocabulary;
        LowerCase = lowerCase;
        _splitSpecialTokens = splitSpecialTokens;
        PadId = vocabulary.RequireId("[PAD]");
        UnkId = vocabulary.RequireId("[UNK]");
        ClsId = vocabulary.RequireId("[CLS]");
        SepId = vocabulary.RequireId("[SEP]");
        var specialTokens = splitSpecialTokens ? null : new SpecialTokenMatcher(vocabulary);
        _encoder = new WordPieceEncoder(new WordPieceModel(vocabulary, UnkId), specialTokens, lowerCase);
    }

    public int VocabSize => _vocabulary.Count;

    public int PadId { get; }

    public int UnkId { get; }

    public int ClsId { get; }

    public int SepId { get; }

    /// <summary>Whether text is lower-cased and stripped of accents (an uncased model).</summary>
    public bool LowerCase { get; }

    /// <summary>Loads a vocab.txt: one token per line, the line number (from 0) being its id.</summary>
    public static WordPieceTokenizer FromVocabFile(string vocabPath, bool lowerCase = true, bool splitSpecialTokens = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(vocabPath);
        return FromVocabLines(File.ReadLines(vocabPath, Encoding.UTF8), lowerCase, splitSpecialTokens);
    }

    public static WordPieceTokenizer FromVocabStream(Stream vocab, bool lowerCase = true, bool splitSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        using var reader = new StreamReader(vocab, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return FromVocabLines(lines, lowerCase, splitSpecialTokens);
    }

    public static WordPieceTokenizer FromVocabLines(IEnumerable<string> lines, bool lowerCase = true, bool splitSpecialTokens = false) =>
        new(WordPieceVocabulary.FromLines(lines), lowerCase, splitSpecialTokens);

    /// <summary>The WordPiece tokens of <paramref name="text"/>, without [CLS] and [SEP].</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var ids = EncodeWithoutSpecials(text, int.MaxValue);
        var tokens = new string[ids.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = _vocabulary[ids[i]];
        }

        return tokens;
    }

    /// <summary>[CLS], the ids of <paramref name="text"/>, [SEP]; the text is truncated so at most <paramref name="maxLength"/> ids remain.</summary>
    public int[] Encode(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var ids = EncodeWithoutSpecials(text, maxLength - 2);
        var encoded = new int[ids.Count + 2];
        encoded[0] = ClsId;
        ids.CopyTo(encoded, 1);
        encoded[^1] = SepId;
        return encoded;
    }

    /// <summary>The ids of <paramref name="text"/> without [CLS] and [SEP], at most <paramref name="maxTokens"/> of them.</summary>
    public List<int> EncodeWithoutSpecials(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        var collector = new TokenIdCollector(new List<int>(Math.Min(maxTokens, (text.Length / 4) + 4)), maxTokens);
        if (maxTokens > 0)
        {
            _encoder.Encode(text, ref collector);
        }

        return collector.Ids;
    }

    /// <summary>How many WordPiece tokens <paramref name="text"/> has, not counting [CLS] and [SEP].</summary>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counter = new TokenCounter();
        _encoder.Encode(text, ref counter);
        return counter.Count;
    }

    /// <summary>
    /// The tokens of <paramref name="text"/> (without [CLS] and [SEP]), how many are [UNK], and the words that became
    /// [UNK] added to <paramref name="unknownWords"/> with their counts.
    /// </summary>
    public (int Tokens, int Unknown) CountUnknown(string text, Dictionary<string, int> unknownWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(unknownWords);
        var counter = new UnknownWordCounter(UnkId, unknownWords);
        _encoder.Encode(text, ref counter);
        return (counter.Tokens, counter.UnknownTokens);
    }

    /// <summary>The same tokenizer with <paramref name="tokens"/> appended to the vocabulary (ids from <see cref="VocabSize"/> on).</summary>
    public WordPieceTokenizer Extend(IEnumerable<string> tokens) => FromVocabLines(Tokens().Concat(tokens), LowerCase, _splitSpecialTokens);

    /// <summary>The vocabulary in id order, as the lines of a vocab.txt.</summary>
    public IEnumerable<string> Tokens()
    {
        for (var i = 0; i < _vocabulary.Count; i++)
        {
            yield return _vocabulary[i];
        }
    }

    /// <summary>The token with this id, or "[UNK]" for an id outside the vocabulary (as HF does).</summary>
    public string IdToToken(int id) => (uint)id < (uint)_vocabulary.Count ? _vocabulary[id] : _vocabulary[UnkId];

    /// <summary>The id of this exact token, or <see cref="UnkId"/> when the vocabulary lacks it (as HF does).</summary>
    public int TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _vocabulary.TryGetId(token, out var id) ? id : UnkId;
    }
}

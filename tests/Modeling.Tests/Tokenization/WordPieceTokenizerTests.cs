using Platform.Modeling.Tokenization;

namespace Platform.Modeling.Tests.Tokenization;

/// <summary>Expected outputs worked out by hand from the vocabulary and Hugging Face's BertTokenizer algorithm.</summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly WordPieceTokenizer Tokenizer = MiniLMVocab.Uncased;

    [Theory]
    [InlineData("hello world", new[] { "hello", "world" })]
    [InlineData("$5.00", new[] { "$", "5", ".", "00" })]
    [InlineData("naïve café résumé", new[] { "naive", "cafe", "resume" })]
    [InlineData("Héllo", new[] { "hello" })]
    [InlineData("ÉCOLE", new[] { "ecole" })]
    [InlineData("e\u0301cole", new[] { "ecole" })]
    // 爱, 门 and 界 are not in bert-base-uncased's vocabulary; each ideograph is a word of its own.
    [InlineData("我爱北京天安门", new[] { "我", "[UNK]", "北", "京", "天", "安", "[UNK]" })]
    [InlineData("hello世界", new[] { "hello", "世", "[UNK]" })]
    // Emoji are neither punctuation nor CJK: a word with no pieces is one [UNK].
    [InlineData("I love 🍕 pizza 😀", new[] { "i", "love", "[UNK]", "pizza", "[UNK]" })]
    [InlineData("don't", new[] { "don", "'", "t" })]
    // Greedy longest match: "una", then "##ffa" (id 20961) is longer than "##ff"; the HF docstring's
    // "un ##aff ##able" is an illustration, not this vocabulary.
    [InlineData("unaffable", new[] { "una", "##ffa", "##ble" })]
    [InlineData("^_^ `x` \\ |", new[] { "^", "_", "^", "`", "x", "`", "\\", "|" })]
    [InlineData("hello\u0000wor\u0007ld\uFFFD!", new[] { "hello", "##world", "!" })]
    [InlineData("tab\there\nnew\r\nline", new[] { "tab", "here", "new", "line" })]
    [InlineData("zero\u200Bwidth", new[] { "zero", "##wi", "##dt", "##h" })]
    [InlineData("a\u00A0b\u3000c", new[] { "a", "b", "c" })]
    // HF lowers character by character, so a capital sigma never becomes the final form ς.
    [InlineData("ΟΔΟΣ", new[] { "ο", "##δ", "##ο", "##σ" })]
    [InlineData("İstanbul", new[] { "istanbul" })]
    [InlineData("¡hola! ¿qué?", new[] { "¡", "ho", "##la", "!", "¿", "que", "?" })]
    [InlineData("\U00020000 x", new[] { "[UNK]", "x" })]
    [InlineData("", new string[0])]
    [InlineData(" \t\u0000 ", new string[0])]
    public void Tokenize_ReferenceCase_MatchesHuggingFace(string text, string[] expected) =>
        Assert.Equal(expected, Tokenizer.Tokenize(text));

    [Theory]
    [InlineData("[CLS] hello [SEP]", new[] { "[CLS]", "hello", "[SEP]" })]
    [InlineData("hello[MASK]world", new[] { "hello", "[MASK]", "world" })]
    [InlineData("[cls] x", new[] { "[", "cl", "##s", "]", "x" })]
    public void Tokenize_SpecialTokenWrittenInText_IsThatTokenAsInHuggingFace(string text, string[] expected) =>
        Assert.Equal(expected, Tokenizer.Tokenize(text));

    [Fact]
    public void Tokenize_SplitSpecialTokens_TokenizesThemAsText()
    {
        var tokenizer = WordPieceTokenizer.FromVocabFile(MiniLMVocab.Path, splitSpecialTokens: true);

        Assert.Equal(["[", "cl", "##s", "]", "hello"], tokenizer.Tokenize("[CLS] hello"));
    }

    [Fact]
    public void Tokenize_WordOfHundredOneCharacters_IsUnknown()
    {
        Assert.Equal(["[UNK]"], Tokenizer.Tokenize(new string('a', 101)));
        Assert.Equal(["[UNK]"], Tokenizer.Tokenize(string.Concat(Enumerable.Repeat("naïve", 21))));
    }

    [Fact]
    public void Tokenize_WordOfHundredCharacters_IsPieced()
    {
        var tokens = Tokenizer.Tokenize(new string('a', 100));

        Assert.Equal(["aaa", .. Enumerable.Repeat("##aa", 48), "##a"], tokens);
    }

    [Fact]
    public void Tokenize_CasedTokenizerWithUncasedVocab_KeepsCaseAndAccents()
    {
        Assert.Equal(["[UNK]", "[UNK]"], MiniLMVocab.Cased.Tokenize("Héllo World"));
        Assert.Equal(["hello"], MiniLMVocab.Cased.Tokenize("hello"));
    }

    [Fact]
    public void Tokenize_CasedSpecialTokenJoinedByCleaning_StaysWhole()
    {
        // Only the cased BasicTokenizer sees "[CLS]" here: the NUL is removed after the special-token split.
        Assert.Equal(["[CLS]", "x"], MiniLMVocab.Cased.Tokenize("[CL\u0000S] x"));
    }
}

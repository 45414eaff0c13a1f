using Platform.Modeling.Tokenization;

namespace Platform.Modeling.Tests.Tokenization;

/// <summary>Ids, truncation, counting and lookups.</summary>
public sealed class WordPieceTokenizerEncodeTests
{
    private static readonly WordPieceTokenizer Tokenizer = MiniLMVocab.Uncased;

    [Fact]
    public void SpecialIds_BertBaseUncasedVocab_MatchHuggingFace()
    {
        Assert.Equal(30522, Tokenizer.VocabSize);
        Assert.Equal(0, Tokenizer.PadId);
        Assert.Equal(100, Tokenizer.UnkId);
        Assert.Equal(101, Tokenizer.ClsId);
        Assert.Equal(102, Tokenizer.SepId);
    }

    [Theory]
    [InlineData("hello world", new[] { 101, 7592, 2088, 102 })]
    [InlineData("unaffable", new[] { 101, 14477, 20961, 3468, 102 })]
    [InlineData("$5.00", new[] { 101, 1002, 1019, 1012, 4002, 102 })]
    [InlineData("", new[] { 101, 102 })]
    public void Encode_Text_WrapsIdsInClsAndSep(string text, int[] expected) =>
        Assert.Equal(expected, Tokenizer.Encode(text, 512));

    [Fact]
    public void Encode_TextLongerThanMaxLength_TruncatesAndKeepsSep()
    {
        Assert.Equal([101, 7592, 102], Tokenizer.Encode("hello world", 3));
        Assert.Equal([101, 102], Tokenizer.Encode("hello world", 2));
        Assert.Equal(512, Tokenizer.Encode(string.Join(' ', Enumerable.Repeat("hello", 1000)), 512).Length);
    }

    [Fact]
    public void Encode_MaxLengthBelowTwo_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Encode("hello", 1));

    [Theory]
    [InlineData("hello world")]
    [InlineData("naïve café résumé, I love 🍕 pizza 😀 [SEP] 我爱北京天安门")]
    [InlineData("")]
    public void CountTokens_Text_EqualsTokenizeCount(string text) =>
        Assert.Equal(Tokenizer.Tokenize(text).Count, Tokenizer.CountTokens(text));

    [Fact]
    public void IdToToken_And_TokenToId_RoundTrip()
    {
        Assert.Equal("hello", Tokenizer.IdToToken(7592));
        Assert.Equal(7592, Tokenizer.TokenToId("hello"));
        Assert.Equal(20961, Tokenizer.TokenToId("##ffa"));
    }

    [Fact]
    public void IdToToken_And_TokenToId_Unknown_ReturnUnkAsHuggingFaceDoes()
    {
        Assert.Equal("[UNK]", Tokenizer.IdToToken(30522));
        Assert.Equal("[UNK]", Tokenizer.IdToToken(-1));
        Assert.Equal(100, Tokenizer.TokenToId("not-a-token"));
    }

    [Fact]
    public void FromVocabLines_CrlfLines_MatchLfLines()
    {
        string[] lines = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "##s"];
        var crlf = WordPieceTokenizer.FromVocabLines(lines.Select(line => line + "\r"));

        Assert.Equal([2, 4, 5, 3], crlf.Encode("Hellos", 16));
    }

    [Fact]
    public void FromVocabStream_Vocab_LoadsSameIds()
    {
        using var stream = File.OpenRead(MiniLMVocab.Path);

        Assert.Equal([101, 7592, 2088, 102], WordPieceTokenizer.FromVocabStream(stream).Encode("Hello World", 8));
    }

    [Fact]
    public void FromVocabLines_NoUnkToken_ThrowsWithMessage()
    {
        var error = Assert.Throws<InvalidDataException>(() => WordPieceTokenizer.FromVocabLines(["[PAD]", "[CLS]", "[SEP]"]));

        Assert.Contains("[UNK]", error.Message, StringComparison.Ordinal);
    }
}

using Platform.Modeling.Tokenization;

namespace Platform.Modeling.Tests.Tokenization;

public sealed class BertCharactersTests
{
    [Fact]
    public void KindAt_EveryAsciiCharacter_FollowsHuggingFaceDefinitions()
    {
        for (var c = (char)0; c < 128; c++)
        {
            var expected = c is ' ' or '\t' or '\n' or '\r' ? CharKind.Whitespace
                : BertCharacters.IsAsciiPunctuation(c) ? CharKind.Punctuation
                : CharKind.Word;

            Assert.Equal(expected, BertCharacters.KindAt([c], 0));
        }
    }

    [Theory]
    [InlineData("$", true)]
    [InlineData("^", true)]
    [InlineData("`", true)]
    [InlineData("«", true)]
    [InlineData("—", true)]
    [InlineData("€", false)]
    [InlineData("😀", false)]
    [InlineData("a", false)]
    public void IsPunctuation_Character_MatchesHuggingFace(string character, bool expected) =>
        Assert.Equal(expected, BertCharacters.IsPunctuation(System.Text.Rune.GetRuneAt(character, 0)));

    [Theory]
    [InlineData(0x4E00, true)]
    [InlineData(0x9FFF, true)]
    [InlineData(0x20000, true)]
    [InlineData(0x2FA1F, true)]
    [InlineData(0x3042, false)] // Hiragana あ is not in HF's list.
    [InlineData(0xAC00, false)] // Hangul 가 neither.
    public void IsCjkIdeograph_CodePoint_UsesHuggingFaceRanges(int codePoint, bool expected) =>
        Assert.Equal(expected, BertCharacters.IsCjkIdeograph(codePoint));
}

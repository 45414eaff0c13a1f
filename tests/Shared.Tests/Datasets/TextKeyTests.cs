using Platform.Shared.Datasets;

namespace Platform.Shared.Tests.Datasets;

public sealed class TextKeyTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("  padded\ttext \r\n with  runs ", "padded text with runs")]
    [InlineData("cafe\u0301", "caf\u00E9")]
    [InlineData("no\u00A0break", "no break")]
    [InlineData("Case Kept", "Case Kept")]
    public void For_Text_GivesCanonicalKey(string text, string expected)
    {
        Assert.Equal(expected, TextKey.For(text));
    }

    [Fact]
    public void For_CanonicalText_ReturnsTheSameInstance()
    {
        var text = "already canonical 酒店";

        Assert.Same(text, TextKey.For(text));
    }

    [Fact]
    public void Read_ComposedAndDecomposedSameText_CountsAsDuplicate()
    {
        var result = TestCsv.Read("text,label\n" + TestCsv.Rows(20) + "caf\u00E9,positive\ncafe\u0301,positive\n");

        Assert.Equal(1, result.Report.DuplicateTexts);
        Assert.Equal([23], result.Report.DropReasons[DropReasonCodes.DuplicateText].Lines);
    }
}

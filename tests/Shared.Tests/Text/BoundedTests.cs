using Platform.Shared.Text;

namespace Platform.Shared.Tests.Text;

public sealed class BoundedTests
{
    [Fact]
    public void Quote_LongValue_IsCutWithItsLength()
    {
        var quoted = Bounded.Quote(new string('"', 25_000));

        Assert.Equal("'" + new string('"', Bounded.ExcerptChars) + "…' (25,000 characters)", quoted);
    }

    [Fact]
    public void Quote_ControlCharacters_AreShownEscaped() => Assert.Equal(@"'a\u0001b'", Bounded.Quote("a\u0001b"));

    [Fact]
    public void List_MoreThanTheLimit_CountsTheRest() =>
        Assert.Equal("a, b, c and 2 more", Bounded.List(["a", "b", "c", "d", "e"], 3));

    [Fact]
    public void List_WithinTheLimit_ListsAll() => Assert.Equal("a, b", Bounded.List(["a", "b"]));

    [Fact]
    public void Message_LongerThanTheCap_IsCut()
    {
        var message = Bounded.Message(new string('x', 5_000));

        Assert.Equal(Bounded.MessageChars, message.Length);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
    }
}

using System.Text;
using Platform.Pipeline.Notifications;

namespace Platform.Pipeline.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Compute_Rfc4231TestCase2_IsTheKnownHmac()
    {
        var signature = WebhookSignature.Compute("Jefe", "what do ya want for nothing?"u8);

        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
    }

    [Fact]
    public void Verify_TheSignatureOfTheExactBytes_Holds()
    {
        var body = Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"job:1"}""");

        Assert.True(WebhookSignature.Verify("s3cret", body, WebhookSignature.Compute("s3cret", body)));
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"job:2"}""", "s3cret")]
    [InlineData("""{"specversion":"1.0","id":"job:1"} """, "s3cret")]
    [InlineData("""{"specversion":"1.0","id":"job:1"}""", "other")]
    public void Verify_AnotherBodyOrSecret_Fails(string received, string secret)
    {
        var signature = WebhookSignature.Compute("s3cret", """{"specversion":"1.0","id":"job:1"}"""u8);

        Assert.False(WebhookSignature.Verify(secret, Encoding.UTF8.GetBytes(received), signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("sha1=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("sha256=5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843")]
    public void Verify_MissingOrMalformedHeader_Fails(string? header)
    {
        Assert.False(WebhookSignature.Verify("Jefe", "what do ya want for nothing?"u8, header));
    }
}

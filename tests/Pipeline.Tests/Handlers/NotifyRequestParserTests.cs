using System.Text;
using Platform.Pipeline.Handlers.Jobs;

namespace Platform.Pipeline.Tests.Handlers;

public sealed class NotifyRequestParserTests
{
    private static readonly JobDefaults Defaults = new();

    [Theory]
    [InlineData("https://example.com/hooks/training?token=abc", "https://example.com/hooks/training?token=abc")]
    [InlineData("HTTPS://Example.COM/hooks", "https://example.com/hooks")]
    [InlineData("http://127.0.0.1:5123/events", "http://127.0.0.1:5123/events")]
    [InlineData("http://localhost:8080/", "http://localhost:8080/")]
    [InlineData("http://[::1]:8080/x", "http://[::1]:8080/x")]
    public void Parse_GoodWebhook_IsKeptAsAnAbsoluteUri(string webhook, string expected)
    {
        var (request, problem) = StartJobRequestParser.Parse(Body($$"""{"webhook": "{{webhook}}"}"""), Defaults);

        Assert.True(problem is null, problem?.Body);
        Assert.Equal(expected, request!.Notify!.Webhook.AbsoluteUri);
    }

    [Theory]
    [InlineData("""{"webhook": "http://example.com/hooks"}""", "notify.webhook", "plain http is accepted only for a loopback host")]
    [InlineData("""{"webhook": "http://10.0.0.5/hooks"}""", "notify.webhook", "not '10.0.0.5'")]
    [InlineData("""{"webhook": "ftp://example.com/hooks"}""", "notify.webhook", "must be an https URL, not 'ftp:'")]
    [InlineData("""{"webhook": "/hooks/training"}""", "notify.webhook", "must be an absolute URL")]
    [InlineData("""{"webhook": "not a url"}""", "notify.webhook", "must be an absolute URL")]
    [InlineData("""{"webhook": "https://user:secret@example.com/hooks"}""", "notify.webhook", "must not carry a user name or password")]
    [InlineData("""{"webhook": 42}""", "notify.webhook", "must be a string")]
    [InlineData("""{"webhook": null}""", "notify.webhook", "'notify.webhook' is required")]
    [InlineData("""{}""", "notify.webhook", "'notify.webhook' is required")]
    [InlineData("""{"webhook": "https://example.com/hooks", "secret": "x"}""", "notify.secret", "Unknown notify option 'secret'")]
    [InlineData("""["https://example.com/hooks"]""", "notify", "must be a JSON object")]
    [InlineData("""  "https://example.com/hooks" """, "notify", "must be a JSON object")]
    public void Parse_BadNotify_NamesTheOptionAndWhatIsWrong(string notify, string field, string message)
    {
        var result = StartJobRequestParser.Parse(Body(notify), Defaults).Problem;

        Assert.NotNull(result);
        var errors = StartJobHandlerTests.AssertProblem(result, 400);
        Assert.True(errors.ContainsKey(field), $"no error for {field}: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}"))}");
        Assert.Contains(message, errors[field], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLongWebhook_IsRefused()
    {
        var webhook = "https://example.com/" + new string('a', NotifyRequestParser.MaxWebhookLength);

        var errors = StartJobHandlerTests.AssertProblem(StartJobRequestParser.Parse(Body($$"""{"webhook": "{{webhook}}"}"""), Defaults).Problem!, 400);

        Assert.Contains("longer than 2048", errors["notify.webhook"], StringComparison.Ordinal);
    }

    [Fact]
    public void JobId_WithoutNotify_IsWhatItWasAndAWebhookChangesIt()
    {
        var plain = StartJobRequestParser.Parse(Body(null), Defaults).Request!;
        var nulled = StartJobRequestParser.Parse(Body("null"), Defaults).Request!;
        var notified = StartJobRequestParser.Parse(Body("""{"webhook": "https://example.com/a"}"""), Defaults).Request!;
        var other = StartJobRequestParser.Parse(Body("""{"webhook": "https://example.com/b"}"""), Defaults).Request!;

        Assert.Null(plain.Notify);
        Assert.Null(nulled.Notify);
        var before = JobOptionsCanonicalizer.ToJson(plain.BaseModel, plain.Training, plain.Dataset);
        Assert.Equal(before, JobOptionsCanonicalizer.ToJson(nulled.BaseModel, nulled.Training, nulled.Dataset, nulled.Sweep, nulled.Notify));
        Assert.DoesNotContain("notify", before, StringComparison.OrdinalIgnoreCase);
        var canonical = new[] { plain, notified, other }.Select(r => JobOptionsCanonicalizer.ToJson(r.BaseModel, r.Training, r.Dataset, r.Sweep, r.Notify)).ToList();
        Assert.Equal(3, canonical.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("\"notify\":{\"webhook\":\"https://example.com/a\"}", canonical[1], StringComparison.Ordinal);
    }

    private static byte[] Body(string? notify)
    {
        var body = new StringBuilder("""{"model": "reviews", "dataset": "reviews.csv" """);
        if (notify is not null)
        {
            body.Append(", \"notify\": ").Append(notify);
        }

        return Encoding.UTF8.GetBytes(body.Append('}').ToString());
    }
}

using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Console;
using Platform.Pipeline.Handlers.Uploads;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary>The console's files and session document as the handler serves them, from the assets embedded in the assembly.</summary>
public sealed class ConsoleHandlerTests
{
    private static readonly BlobServiceClient Service = new(new Uri("https://account.blob.core.windows.net/"));

    private static ConsoleHandler Handler(ConsoleOptions? console = null, UploadMode mode = UploadMode.Stream) => new(
        new ConsoleAssets(),
        Options.Create(console ?? new ConsoleOptions()),
        Options.Create(new HandlerOptions { Uploads = new UploadOptions { Mode = mode, MaxUploadBytes = 1234 } }),
        new HandlerContainers(Service.GetBlobContainerClient("datasets"), Service.GetBlobContainerClient("jobs"), Service.GetBlobContainerClient("models"), Service.GetBlobContainerClient("base-models")));

    [Fact]
    public void Assets_HoldTheIndexPageAndEveryScriptItLoads()
    {
        var assets = new ConsoleAssets();
        var index = assets.Find("index.html")!;
        Assert.Equal("text/html; charset=utf-8", index.ContentType);

        // Every module the pages import is embedded: follow the imports from app.js.
        var pending = new Queue<string>(["js/app.js"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var path))
        {
            var asset = assets.Find(path);
            Assert.True(asset is not null, $"{path} is imported but not embedded.");
            Assert.Equal("text/javascript; charset=utf-8", asset.ContentType);
            seen.Add(path);
            foreach (System.Text.RegularExpressions.Match import in System.Text.RegularExpressions.Regex.Matches(asset.Content, "from '(\\.{1,2}/[^']+)'"))
            {
                var resolved = Path.GetRelativePath("/", Path.GetFullPath(Path.Combine("/", Path.GetDirectoryName(path)!, import.Groups[1].Value))).Replace('\\', '/');
                if (!seen.Contains(resolved))
                {
                    pending.Enqueue(resolved);
                }
            }
        }

        Assert.Contains("js/pages/upload.js", seen);
        Assert.Contains("/api/console/js/app.js", index.Content, StringComparison.Ordinal);
        Assert.NotNull(assets.Find("console.css"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/index.html")]
    public void Serve_IndexPage_WithAStrictPolicyAndAnETag(string path)
    {
        var result = Handler().Serve(path, null, null);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("text/html; charset=utf-8", result.ContentType);
        Assert.StartsWith("<!doctype html>", result.Body, StringComparison.Ordinal);
        var policy = result.Headers["Content-Security-Policy"];
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", result.Headers["X-Content-Type-Options"]);
        Assert.Equal("no-referrer", result.Headers["Referrer-Policy"]);
        Assert.Matches("^\"[0-9a-f]{16}\"$", result.Headers["ETag"]);
    }

    [Fact]
    public void Serve_MatchingIfNoneMatch_Answers304WithoutABody()
    {
        var handler = Handler();
        var etag = handler.Serve("/js/app.js", null, null).Headers["ETag"];

        var again = handler.Serve("/js/app.js", $"\"other\", {etag}", null);
        var stale = handler.Serve("/js/app.js", "\"other\"", null);

        Assert.Equal((304, (string?)null), (again.StatusCode, again.Body));
        Assert.Equal(etag, again.Headers["ETag"]);
        Assert.Equal(200, stale.StatusCode);
    }

    [Theory]
    [InlineData("/nope.html")]
    [InlineData("/../Platform.Pipeline.dll")]
    [InlineData("/js/../../appsettings.json")]
    public void Serve_UnknownFile_Is404(string path)
    {
        var result = Handler().Serve(path, null, null);

        StartJobHandlerTests.AssertProblem(result, 404);
    }

    [Fact]
    public void Serve_Session_SaysHowUploadsTravelAndSendsTheKey_NeverCached()
    {
        var result = Handler(new ConsoleOptions { ApiKey = "console-key" }, UploadMode.Direct).Serve("/session", null, null);

        Assert.Equal(200, result.StatusCode);
        var session = result.ParseBody();
        Assert.Equal("console-key", session.GetProperty("apiKey").GetString());
        Assert.Equal("direct", session.GetProperty("uploadMode").GetString());
        Assert.Equal(1234, session.GetProperty("maxUploadBytes").GetInt64());
        Assert.False(session.TryGetProperty("user", out _));
        Assert.Equal("no-store", result.Headers["Cache-Control"]);
        // Direct uploads go from the browser to Blob Storage: the policy lets the page connect there and nowhere else.
        Assert.Contains("connect-src 'self' https://account.blob.core.windows.net;", result.Headers["Content-Security-Policy"], StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_RequireSignIn_WithoutAPrincipal_RedirectsPagesAndRefusesTheSession()
    {
        var handler = Handler(new ConsoleOptions { RequireSignIn = true, ApiKey = "console-key" });

        var page = handler.Serve("", null, null);
        var session = handler.Serve("/session", null, "  ");

        Assert.Equal(302, page.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fconsole%2F", page.Headers["Location"]);
        StartJobHandlerTests.AssertProblem(session, 401);
        Assert.DoesNotContain("console-key", session.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_RequireSignIn_SignedIn_ServesThePagesAndNamesTheUser()
    {
        var handler = Handler(new ConsoleOptions { RequireSignIn = true, ApiKey = "console-key" });

        var page = handler.Serve("", null, "ada@contoso.com");
        var session = handler.Serve("/session", null, "ada@contoso.com").ParseBody();

        Assert.Equal(200, page.StatusCode);
        Assert.Equal(("ada@contoso.com", "/.auth/logout", "console-key"),
            (session.GetProperty("user").GetString(), session.GetProperty("signOut").GetString(), session.GetProperty("apiKey").GetString()));
    }

    [Fact]
    public void Serve_Disabled_Is404ForEveryPath()
    {
        var handler = Handler(new ConsoleOptions { Enabled = false });

        Assert.All(new[] { "", "/session", "/js/app.js" }, path => Assert.Equal(404, handler.Serve(path, null, "ada").StatusCode));
        Assert.Equal(JsonValueKind.Object, handler.Serve("", null, null).ParseBody().ValueKind);
    }
}

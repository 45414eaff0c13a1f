using Microsoft.Extensions.Options;
using Platform.Pipeline.Handlers.Uploads;

namespace Platform.Pipeline.Handlers.Console;

/// <summary>
/// Serves the web console under <c>/api/console/</c>: its static files and the <c>session</c> document. The pages call the
/// same JSON routes as every other client. Each file goes out with a strict Content-Security-Policy (scripts and styles from
/// this origin only; connections to this origin and, for direct uploads, Blob Storage), an ETag, and no caching without
/// revalidation.
/// </summary>
public sealed class ConsoleHandler(ConsoleAssets assets, IOptions<ConsoleOptions> options, IOptions<HandlerOptions> handlerOptions, HandlerContainers containers)
{
    /// <summary>The header App Service Authentication sets to the signed-in user's name (and strips from client requests).</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    public const string SessionPath = "session";

    private const string IndexPath = "index.html";

    private readonly Lazy<string> policy = new(() => ContentSecurityPolicy(handlerOptions.Value.Uploads.Mode, containers));

    /// <summary>
    /// Answers a GET of <paramref name="path"/> under the console (empty for the index page); <paramref name="ifNoneMatch"/>
    /// and <paramref name="principalName"/> are the request's headers.
    /// </summary>
    public HandlerResult Serve(string? path, string? ifNoneMatch, string? principalName)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Problems.NotFound("The console is turned off.", "This host does not serve the web console (Console:Enabled is false); the JSON routes under /api answer as usual.");
        }

        var relative = (path ?? string.Empty).TrimStart('/');
        var signedIn = !string.IsNullOrWhiteSpace(principalName);
        if (settings.RequireSignIn && !signedIn)
        {
            return relative == SessionPath
                ? HandlerResult.Problem(new ProblemDocument("urn:platform:problem:sign-in-required", "Sign in first.", 401, $"The console needs a signed-in user; open {Routes.Console} to sign in."))
                : new HandlerResult(302, null, null, new Dictionary<string, string>
                {
                    ["Location"] = $"{settings.SignInPath}?post_login_redirect_uri={Uri.EscapeDataString(Routes.Console)}",
                    ["Cache-Control"] = "no-store",
                });
        }

        if (relative == SessionPath)
        {
            var uploads = handlerOptions.Value.Uploads;
            var session = new ConsoleSession(
                string.IsNullOrEmpty(settings.ApiKey) ? null : settings.ApiKey,
                uploads.Mode == UploadMode.Direct ? "direct" : "stream",
                uploads.MaxUploadBytes,
                signedIn ? principalName : null,
                signedIn ? settings.SignOutPath : null);
            return HandlerResult.Json(200, session, Headers("no-store"));
        }

        if (assets.Find(relative.Length == 0 ? IndexPath : relative) is not { } asset)
        {
            return Problems.NotFound("No such console page.", $"The console has no file '{Platform.Shared.Text.Bounded.Message(relative, 200)}'; open {Routes.Console}.");
        }

        var headers = Headers("no-cache");
        headers["ETag"] = asset.ETag;
        return Matches(ifNoneMatch, asset.ETag)
            ? new HandlerResult(304, null, null, headers)
            : new HandlerResult(200, asset.ContentType, asset.Content, headers);
    }

    private Dictionary<string, string> Headers(string cacheControl) => new()
    {
        ["Content-Security-Policy"] = policy.Value,
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        ["Cache-Control"] = cacheControl,
    };

    private static bool Matches(string? ifNoneMatch, string etag) =>
        !string.IsNullOrEmpty(ifNoneMatch)
        && ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag);

    private static string ContentSecurityPolicy(UploadMode mode, HandlerContainers containers)
    {
        var connect = "'self'";
        if (mode == UploadMode.Direct)
        {
            connect += " " + containers.Datasets.Uri.GetLeftPart(UriPartial.Authority);
        }

        return $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src {connect}; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}

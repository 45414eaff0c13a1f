using System.Net;
using System.Text.Json;
using Platform.Pipeline.Notifications;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// Reads a job's <c>notify</c> option: <c>{"webhook": "https://…"}</c>, an absolute https URI without credentials in it
/// (plain http only to a loopback host, for a receiver on the developer's machine). Problems are named by path (<c>notify.webhook</c>).
/// </summary>
internal static class NotifyRequestParser
{
    public const int MaxWebhookLength = 2048;
    private static readonly string[] Known = ["webhook"];
    private const string Example = "{\"webhook\": \"https://example.com/hooks/training\"}";

    public static NotifyOptions? Parse(JsonElement notify, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (notify.ValueKind != JsonValueKind.Object)
        {
            errors.Add("notify", $"'notify' must be a JSON object such as {Example}.");
            return null;
        }

        foreach (var property in notify.EnumerateObject().Where(p => !Known.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add("notify." + property.Name, $"Unknown notify option '{property.Name}'. Known: {string.Join(", ", Known)}.");
        }

        if (!notify.TryGetProperty("webhook", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("notify.webhook", $"'notify.webhook' is required: the URL the job's events are posted to, as in {Example}.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add("notify.webhook", "'notify.webhook' must be a string holding an absolute https URL.");
            return null;
        }

        // Written as AbsoluteUri (scheme and host lower-cased), so two spellings of one URL give one job id.
        return Problem(value.GetString()!) is { } problem
            ? Reject(errors, problem)
            : new NotifyOptions(new Uri(new Uri(value.GetString()!, UriKind.Absolute).AbsoluteUri, UriKind.Absolute));
    }

    /// <summary>Why <paramref name="text"/> cannot be a webhook, or null when it can.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxWebhookLength)
        {
            return $"'notify.webhook' is longer than {MaxWebhookLength} characters.";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            return $"'notify.webhook' must be an absolute URL such as https://example.com/hooks/training; '{Shared.Text.Bounded.Message(text)}' is not.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "'notify.webhook' must not carry a user name or password; the platform signs each request instead (X-Platform-Signature).";
        }

        return uri.Scheme switch
        {
            "https" => null,
            "http" when IsLoopback(uri) => null,
            "http" => $"'notify.webhook' must use https; plain http is accepted only for a loopback host (localhost, 127.0.0.1, [::1]), not '{uri.Host}'.",
            _ => $"'notify.webhook' must be an https URL, not '{uri.Scheme}:'.",
        };
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static NotifyOptions? Reject(ValidationErrors errors, string problem)
    {
        errors.Add("notify.webhook", problem);
        return null;
    }
}

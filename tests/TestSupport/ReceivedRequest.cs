using System.Text.Json;

namespace Platform.TestSupport;

/// <summary>One request a <see cref="WebhookReceiver"/> got: method, URL, headers (case-insensitive) and the exact body bytes.</summary>
internal sealed record ReceivedRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}

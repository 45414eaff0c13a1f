namespace Platform.EndToEnd;

/// <summary>The whole platform, runner included, signing webhooks with a known key and retrying a failed delivery quickly.</summary>
public sealed class NotificationPlatform() : PlatformFixture(runRunner: true, extra: new Dictionary<string, string?>
{
    ["Notifications:WebhookSecret"] = WebhookSecret,
    ["Notifications:MaxAttempts"] = "3",
    ["Notifications:FirstRetryInterval"] = "00:00:00.200",
    ["Notifications:BackoffCoefficient"] = "1",
})
{
    public const string WebhookSecret = "end-to-end-secret";
}

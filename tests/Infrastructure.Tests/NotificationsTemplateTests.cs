namespace Platform.Infrastructure.Tests;

/// <summary>Job notifications in Azure: an Entra-only CloudEvents topic the app publishes to, and the signing key in an RBAC Key Vault behind a reference.</summary>
[Collection(TemplateCollection.Name)]
public sealed class NotificationsTemplateTests(CompiledTemplate template)
{
    private Dictionary<string, string> AppSettings() =>
        template.Single("Microsoft.Web/sites").Find("properties.siteConfig.appSettings")!.Value.EnumerateArray()
            .ToDictionary(setting => setting.GetProperty("name").GetString()!, setting => setting.GetProperty("value").ToString());

    [Fact]
    public void Topic_TakesCloudEventsWithEntraIdOnly()
    {
        var topic = template.Single("Microsoft.EventGrid/topics");

        Assert.Equal("CloudEventSchemaV1_0", topic.Find("properties.inputSchema")?.GetString());
        Assert.True(topic.Find("properties.disableLocalAuth")!.Value.GetBoolean());
    }

    [Fact]
    public void AppSettings_NameTheTopicEndpointAndReferenceTheSigningKey()
    {
        var settings = AppSettings();
        var notifications = template.Module("notifications");

        Assert.Equal("[parameters('jobEventsTopicEndpoint')]", settings["Notifications__EventGridTopicEndpoint"]);
        var passed = template.OfType("Microsoft.Resources/deployments").Single(d => d.Name == "functions" && d.Module == "main")
            .Find("properties.parameters.jobEventsTopicEndpoint.value")?.GetString();
        Assert.Contains("'notifications'", passed, StringComparison.Ordinal);
        Assert.Contains("topicEndpoint", passed, StringComparison.Ordinal);
        Assert.EndsWith(".endpoint]", notifications.GetProperty("outputs").GetProperty("topicEndpoint").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", settings["Notifications__WebhookSecret"], StringComparison.Ordinal);
        Assert.Contains("webhookSigningKeyUri", settings["Notifications__WebhookSecret"], StringComparison.Ordinal);
        // The reference is resolved with the app's user-assigned identity, the one holding Key Vault Secrets User on the secret.
        Assert.NotNull(template.Single("Microsoft.Web/sites").Find("properties.keyVaultReferenceIdentity"));
    }

    [Fact]
    public void KeyVault_UsesRbacAndHoldsTheSigningKey()
    {
        var vault = template.Single("Microsoft.KeyVault/vaults");
        var secret = template.Single("Microsoft.KeyVault/vaults/secrets");

        Assert.True(vault.Find("properties.enableRbacAuthorization")!.Value.GetBoolean());
        Assert.False(vault.Element.GetProperty("properties").TryGetProperty("accessPolicies", out _));
        Assert.Contains("notifications-webhook-secret", secret.Name, StringComparison.Ordinal);
        Assert.Equal("[parameters('webhookSecret')]", secret.Find("properties.value")?.GetString());
        var parameter = template.Module("notifications").GetProperty("parameters").GetProperty("webhookSecret");
        Assert.Equal("securestring", parameter.GetProperty("type").GetString());
    }

    [Fact]
    public void Functions_IsDeployedAfterTheNotificationsModule()
    {
        Assert.Contains("notifications", template.ModulesBefore("functions"));
    }
}

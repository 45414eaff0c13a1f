using System.Text.Json;

namespace Platform.Infrastructure.Tests;

/// <summary>The Functions app: Flex Consumption, .NET isolated 10, identity-based settings only.</summary>
[Collection(TemplateCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledTemplate template)
{
    // The settings the worker and the Functions host read in Azure (see local.settings.template.json
    // for their local, connection-string counterparts).
    private static readonly string[] RequiredSettings =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "Storage__blobServiceUri",
        "Storage__queueServiceUri",
        "ServiceBus__FullyQualifiedNamespace",
        "AZURE_CLIENT_ID",
        "DurableTaskHubName",
    ];

    private Dictionary<string, string> AppSettings()
    {
        var site = template.Single("Microsoft.Web/sites");
        return site.Find("properties.siteConfig.appSettings")!.Value.EnumerateArray()
            .ToDictionary(setting => setting.GetProperty("name").GetString()!, setting => setting.GetProperty("value").ToString());
    }

    [Fact]
    public void Plan_IsFlexConsumption()
    {
        var plan = template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Find("sku.name")?.GetString());
        Assert.Equal("FlexConsumption", plan.Find("sku.tier")?.GetString());
    }

    [Fact]
    public void Site_RunsDotnetIsolated10WithIdentityDeployment()
    {
        var site = template.Single("Microsoft.Web/sites");

        Assert.Equal("dotnet-isolated", site.Find("properties.functionAppConfig.runtime.name")?.GetString());
        Assert.Equal("10.0", site.Find("properties.functionAppConfig.runtime.version")?.GetString());
        Assert.Equal("blobContainer", site.Find("properties.functionAppConfig.deployment.storage.type")?.GetString());
        Assert.Equal("UserAssignedIdentity", site.Find("properties.functionAppConfig.deployment.storage.authentication.type")?.GetString());
        Assert.True(site.Find("properties.httpsOnly")!.Value.GetBoolean());
    }

    [Fact]
    public void Site_InstanceMemoryFitsTorchSharpInference()
    {
        var site = template.Single("Microsoft.Web/sites");
        var memory = site.Find("properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB")!.Value.GetString()!;
        var parameter = ArmJson.ParameterReference(memory);

        Assert.NotNull(parameter);
        var defaultMemory = site.Template.GetProperty("parameters").GetProperty(parameter).GetProperty("defaultValue").GetInt32();
        Assert.True(defaultMemory >= 4096, $"libtorch plus a BERT-base model needs 4 GB instances, got {defaultMemory} MB.");
    }

    [Fact]
    public void AppSettings_AreIdentityBased()
    {
        var settings = AppSettings();

        foreach (var name in RequiredSettings)
        {
            Assert.True(settings.ContainsKey(name), $"App setting {name} is missing.");
        }

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain(settings.Keys, name => name is "AzureWebJobsStorage" or "Storage__ConnectionString" or "ServiceBus__ConnectionString");
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_CompleteTheIdentityBasedStorageConnectionOfTheTriggers()
    {
        // DatasetUploaded (blob trigger, Source = EventGrid) and TrainingEvents (queue trigger) both use
        // Connection = "Storage". The Event Grid blob trigger needs the blob and the queue endpoint; a
        // user-assigned identity needs credential and clientId. Names as the Functions documentation
        // writes them: the worker's .NET configuration is case-insensitive, not every reader need be.
        var settings = AppSettings();

        Assert.Equal("[parameters('blobEndpoint')]", settings["Storage__blobServiceUri"]);
        Assert.Equal("[parameters('queueEndpoint')]", settings["Storage__queueServiceUri"]);
        Assert.Equal("managedidentity", settings["Storage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["Storage__clientId"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AZURE_CLIENT_ID"]);
    }

    [Fact]
    public void AppSettings_CompleteTheIdentityBasedHostStorageForDurable()
    {
        var settings = AppSettings();

        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('blobEndpoint')]", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal("[parameters('queueEndpoint')]", settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal("[parameters('tableEndpoint')]", settings["AzureWebJobsStorage__tableServiceUri"]);
    }

    [Fact]
    public void AppSettings_CarryNoSecrets()
    {
        foreach (var (name, value) in AppSettings())
        {
            // The Application Insights connection string only names the resource; its ingestion
            // requires Entra ID because the component disables local auth.
            if (name != "APPLICATIONINSIGHTS_CONNECTION_STRING")
            {
                Assert.DoesNotContain("ConnectionString", name, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotContain("Key=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@Microsoft.KeyVault", value, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void BasicAuthPublishing_IsDisabled()
    {
        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.Equal(JsonValueKind.False, policy.Find("properties.allow")!.Value.ValueKind));
    }
}

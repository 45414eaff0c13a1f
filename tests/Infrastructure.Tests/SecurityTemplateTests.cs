namespace Platform.Infrastructure.Tests;

/// <summary>Identity-only access: no keys, no local auth, no secrets anywhere in the compiled template.</summary>
[Collection(TemplateCollection.Name)]
public sealed class SecurityTemplateTests(CompiledTemplate template)
{
    [Theory]
    [InlineData("listKeys(")]
    [InlineData("listSecrets(")]
    [InlineData("listConnectionStrings(")]
    [InlineData("listCredentials(")]
    [InlineData("AccountKey=")]
    [InlineData("SharedAccessKey")]
    [InlineData("passwordSecretRef")]
    [InlineData("secretRef")]
    public void Template_ContainsNoKeyOrSecretMaterial(string forbidden)
    {
        Assert.DoesNotContain(forbidden, template.Json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StorageAccount_DisablesSharedKeysAndPublicBlobsAndRequiresTls12()
    {
        var account = template.Single("Microsoft.Storage/storageAccounts");

        Assert.False(account.Find("properties.allowSharedKeyAccess")!.Value.GetBoolean());
        Assert.False(account.Find("properties.allowBlobPublicAccess")!.Value.GetBoolean());
        Assert.True(account.Find("properties.defaultToOAuthAuthentication")!.Value.GetBoolean());
        Assert.True(account.Find("properties.supportsHttpsTrafficOnly")!.Value.GetBoolean());
        Assert.Equal("TLS1_2", account.Find("properties.minimumTlsVersion")!.Value.GetString());
    }

    [Fact]
    public void BlobContainers_AreAllPrivate()
    {
        foreach (var container in template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            Assert.Equal("None", container.Find("properties.publicAccess")?.GetString());
        }
    }

    [Fact]
    public void ServiceBusNamespace_DisablesLocalAuth()
    {
        var serviceBus = template.Single("Microsoft.ServiceBus/namespaces");

        Assert.True(serviceBus.Find("properties.disableLocalAuth")!.Value.GetBoolean());
        Assert.Equal("1.2", serviceBus.Find("properties.minimumTlsVersion")?.GetString());
    }

    [Fact]
    public void ApplicationInsights_DisablesLocalAuth()
    {
        var insights = template.Single("Microsoft.Insights/components");

        Assert.True(insights.Find("properties.DisableLocalAuth")!.Value.GetBoolean());
    }

    [Fact]
    public void ContainerRegistry_HasNoAdminUserAndNoAnonymousPull()
    {
        var registry = template.Single("Microsoft.ContainerRegistry/registries");

        Assert.False(registry.Find("properties.adminUserEnabled")!.Value.GetBoolean());
        Assert.False(registry.Find("properties.anonymousPullEnabled")!.Value.GetBoolean());
    }

    [Theory]
    [InlineData("Microsoft.Web/sites")]
    [InlineData("Microsoft.App/jobs")]
    public void Workloads_RunAsUserAssignedManagedIdentities(string type)
    {
        var workload = template.Single(type);

        Assert.Equal("UserAssigned", workload.Find("identity.type")?.GetString());
        Assert.NotEmpty(workload.Find("identity.userAssignedIdentities")!.Value.EnumerateObject());
    }

    [Fact]
    public void ContainerAppsEnvironment_SendsLogsWithoutAWorkspaceKey()
    {
        var environment = template.Single("Microsoft.App/managedEnvironments");

        Assert.Equal("azure-monitor", environment.Find("properties.appLogsConfiguration.destination")?.GetString());
    }
}

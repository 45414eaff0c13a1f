using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Shared.Jobs;

namespace Platform.Infrastructure.Tests;

/// <summary>The Functions app: Flex Consumption, .NET isolated 10, identity-based settings only.</summary>
[Collection(TemplateCollection.Name)]
public sealed partial class FunctionAppTemplateTests(CompiledTemplate template)
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
    public void AppSettings_PointThePlatformClientsAtTheAccountTheTriggersWatch()
    {
        // The triggers (DatasetUploaded on datasets, TrainingEvents on training-events) listen through
        // AzureWebJobsStorage; the platform's own clients write and read the same containers and queue
        // through Storage:BlobServiceUri / Storage:QueueServiceUri. Two accounts would mean an upload
        // nobody hears of, or an event the orchestration never receives.
        var settings = AppSettings();

        Assert.Equal(settings["AzureWebJobsStorage__blobServiceUri"], settings["Storage__blobServiceUri"]);
        Assert.Equal(settings["AzureWebJobsStorage__queueServiceUri"], settings["Storage__queueServiceUri"]);
        Assert.Equal("[parameters('blobEndpoint')]", settings["Storage__blobServiceUri"]);
        Assert.Equal("[parameters('queueEndpoint')]", settings["Storage__queueServiceUri"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AZURE_CLIENT_ID"]);
    }

    [Fact]
    public void AppSettings_ResolveEverySettingTheTriggersName()
    {
        // Trigger paths and queue names are %Setting% expressions; the host fails to index a function whose setting is missing.
        var settings = AppSettings();
        var named = Directory.EnumerateFiles(RepoPaths.Combine("src", "Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), "public const string \\w+ = \"(Storage:\\w+)\";"))
            .Select(match => match.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(["Storage__DatasetsContainer", "Storage__EventsQueue", "Storage__ScoringContainer"], named.Order());
        Assert.Equal("datasets", settings["Storage__DatasetsContainer"]);
        Assert.Equal(StorageNames.ScoringContainer, settings["Storage__ScoringContainer"]);
        Assert.Equal(StorageNames.ScoringResultsContainer, settings["Storage__ScoringResultsContainer"]);
        Assert.Equal("training-events", settings["Storage__EventsQueue"]);
    }

    [Fact]
    public void AppSettings_CompleteTheConnectionEveryTriggerResolvesTo()
    {
        // A trigger without Connection uses AzureWebJobsStorage; one naming Connection = "X" is resolved
        // as "AzureWebJobsX" first and "X" only when that does not exist (WebJobs GetWebJobsConnectionStringSection).
        var settings = AppSettings();
        var triggers = Directory.EnumerateFiles(RepoPaths.Combine("src", "Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => StorageTrigger().Matches(File.ReadAllText(file)))
            // No Connection: AzureWebJobsStorage, which is what "Storage" resolves to as well.
            .Select(trigger => ConnectionArgument().Match(trigger.Groups["arguments"].Value) is { Success: true } named ? named.Groups[1].Value : "Storage")
            .ToList();

        Assert.NotEmpty(triggers);
        foreach (var connection in triggers)
        {
            var prefix = settings.Keys.Any(name => name.StartsWith($"AzureWebJobs{connection}__", StringComparison.Ordinal))
                ? $"AzureWebJobs{connection}"
                : connection;
            Assert.Equal("managedidentity", settings.GetValueOrDefault($"{prefix}__credential"));
            Assert.Equal("[parameters('identityClientId')]", settings.GetValueOrDefault($"{prefix}__clientId"));
            Assert.True(settings.ContainsKey($"{prefix}__blobServiceUri"), $"Connection '{connection}' ({prefix}) has no blobServiceUri.");
            Assert.True(settings.ContainsKey($"{prefix}__queueServiceUri"), $"Connection '{connection}' ({prefix}) has no queueServiceUri.");
        }
    }

    [Fact]
    public void AppSettings_AreAllReadBySomething()
    {
        // Read by the Functions host and its extensions: the host storage connection (identity-based
        // properties as the Functions documentation names them) and Application Insights.
        string[] hostSettings =
        [
            "AzureWebJobsStorage__accountName",
            "AzureWebJobsStorage__credential",
            "AzureWebJobsStorage__clientId",
            "AzureWebJobsStorage__blobServiceUri",
            "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__tableServiceUri",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            // Read by Azure.Identity's DefaultAzureCredential (Shared AzureClients): the user-assigned identity to use.
            "AZURE_CLIENT_ID",
        ];
        var hostJson = File.ReadAllText(RepoPaths.Combine("src", "Functions", "host.json"));
        var workerSources = new[] { "Functions", "Pipeline", "Shared" }
            .SelectMany(project => Directory.EnumerateFiles(RepoPaths.Combine("src", project), "*.cs", SearchOption.AllDirectories))
            .Select(File.ReadAllText)
            .ToList();
        var settings = AppSettings();

        // Settings the old "Storage" connection carried: the extensions resolve "Storage" to
        // AzureWebJobsStorage, and the platform reads only the service URIs (or, locally, a connection string).
        Assert.DoesNotContain("Storage__credential", settings.Keys);
        Assert.DoesNotContain("Storage__clientId", settings.Keys);
        Assert.DoesNotContain("Storage__ConnectionString", settings.Keys);
        foreach (var name in settings.Keys)
        {
            // Worker configuration reads a key such as Storage:BlobServiceUri, case-insensitively: named as a string, or a
            // property of a settings class bound to that section (const string Section = "Storage", or SectionName).
            var key = $"\"{name.Replace("__", ":", StringComparison.Ordinal)}\"";
            var parts = name.Split("__");
            var read = hostSettings.Contains(name)
                || hostJson.Contains($"%{name}%", StringComparison.Ordinal)
                || workerSources.Any(source => source.Contains(key, StringComparison.OrdinalIgnoreCase))
                || (parts.Length >= 2
                    && workerSources.Any(source =>
                        source.Contains($"const string Section = \"{parts[0]}\";", StringComparison.Ordinal)
                        || source.Contains($"const string SectionName = \"{parts[0]}\";", StringComparison.Ordinal))
                    // Each further part a settings property: Handlers__Uploads__Mode is HandlerOptions.Uploads.Mode.
                    && parts.Skip(1).All(part => workerSources.Any(source =>
                        System.Text.RegularExpressions.Regex.IsMatch(source, $@"public \S+ {part} {{ get; set; }}", System.Text.RegularExpressions.RegexOptions.IgnoreCase))));
            Assert.True(read, $"App setting {name} is read by neither the Functions host nor the worker; remove it or name its reader here.");
        }
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
    public void LocalSettingsTemplate_GivesEachAzureConnectionItsLocalCounterpart()
    {
        // `func start` with Azurite and the local broker (docs/core-tools.md): the host storage and the
        // triggers on AzureWebJobsStorage, the platform's clients on Storage:ConnectionString and
        // ServiceBus:ConnectionString, the same task hub as in Azure.
        using var local = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("src", "Functions", "local.settings.template.json")));
        var values = local.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(value => value.Name, value => value.Value.GetString()!);
        var settings = AppSettings();

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Equal("UseDevelopmentStorage=true", values["Storage__ConnectionString"]);
        Assert.Contains("UseDevelopmentEmulator=true", values["ServiceBus__ConnectionString"], StringComparison.Ordinal);
        Assert.Equal(settings["DurableTaskHubName"], values["DurableTaskHubName"]);
        Assert.DoesNotContain(values.Keys, name => name is "Storage__credential" or "Storage__clientId");
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
            // The one secret the app reads (the webhook signing key) is a Key Vault reference, never a value.
            if (name != "Notifications__WebhookSecret")
            {
                Assert.DoesNotContain("@Microsoft.KeyVault", value, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void BasicAuthPublishing_IsDisabled()
    {
        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.Equal(JsonValueKind.False, policy.Find("properties.allow")!.Value.ValueKind));
    }

    // The arguments of a [BlobTrigger(...)] or [QueueTrigger(...)] attribute.
    [GeneratedRegex(@"\[(?:Blob|Queue)Trigger\((?<arguments>(?:(?!\)\]).)*)\)\]", RegexOptions.Singleline)]
    private static partial Regex StorageTrigger();

    [GeneratedRegex(@"\bConnection\s*=\s*""([^""]+)""")]
    private static partial Regex ConnectionArgument();
}

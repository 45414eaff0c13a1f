using System.Text.Json;

namespace Platform.Infrastructure.Tests;

/// <summary>
/// The web console in Azure: only behind App Service Authentication (Microsoft Entra ID) set up when a sign-in app
/// registration is given; function keys keep working for programmatic clients; the console's own function key; browser
/// uploads straight to Blob Storage (Direct mode and the storage account's CORS rule).
/// </summary>
[Collection(TemplateCollection.Name)]
public sealed class ConsoleTemplateTests(CompiledTemplate template)
{
    private ArmResource Site => template.Single("Microsoft.Web/sites");

    private ArmResource AuthSettings =>
        template.OfType("Microsoft.Web/sites/config").Single(resource => resource.Name.Contains("authsettingsV2", StringComparison.Ordinal));

    private Dictionary<string, string> AppSettings() =>
        Site.Find("properties.siteConfig.appSettings")!.Value.EnumerateArray()
            .ToDictionary(setting => setting.GetProperty("name").GetString()!, setting => setting.GetProperty("value").ToString());

    /// <summary>The expression of a module variable, e.g. what <c>consoleEnabled</c> is computed from.</summary>
    private static string VariableExpression(ArmResource resource, string condition)
    {
        var variable = ArmJson.VariableReferences(condition).Single();
        return resource.Variable(variable)!.Value.GetString()!;
    }

    [Fact]
    public void Authentication_IsEntraId_OnlyWithASignInRegistration_AndLetsKeyedClientsThrough()
    {
        var auth = AuthSettings;

        Assert.Equal("[not(empty(parameters('consoleSignInClientId')))]", VariableExpression(auth, auth.Element.GetProperty("condition").GetString()!));
        Assert.True(auth.Find("properties.platform.enabled")!.Value.GetBoolean());
        // Anonymous requests reach the app: /api/* with a function key works as before; the console checks the principal.
        Assert.False(auth.Find("properties.globalValidation.requireAuthentication")!.Value.GetBoolean());
        Assert.Equal("AllowAnonymous", auth.Find("properties.globalValidation.unauthenticatedClientAction")!.Value.GetString());
        Assert.True(auth.Find("properties.httpSettings.requireHttps")!.Value.GetBoolean());
        var entra = auth.Find("properties.identityProviders.azureActiveDirectory")!.Value;
        Assert.True(entra.GetProperty("enabled").GetBoolean());
        Assert.Equal("[parameters('consoleSignInClientId')]", entra.GetProperty("registration").GetProperty("clientId").GetString());
        Assert.Contains("/v2.0", entra.GetProperty("registration").GetProperty("openIdIssuer").GetString(), StringComparison.Ordinal);
        Assert.Contains("consoleSignInTenantId", entra.GetProperty("registration").GetProperty("openIdIssuer").GetString(), StringComparison.Ordinal);
        // No secret anywhere: sign-in uses ID tokens.
        Assert.False(entra.GetProperty("registration").TryGetProperty("clientSecretSettingName", out _));
        Assert.DoesNotContain("clientSecret", auth.Element.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ConsoleSettings_OnOnlyWithSignIn_AlwaysRequiringIt_WithTheConsolesFunctionKey()
    {
        var settings = AppSettings();

        Assert.Equal("true", settings["Console__RequireSignIn"]);
        var enabled = settings["Console__Enabled"];
        Assert.Contains("consoleEnabled", enabled, StringComparison.Ordinal);
        Assert.Contains("'true'", enabled, StringComparison.Ordinal);
        Assert.Contains("'false'", enabled, StringComparison.Ordinal);
        Assert.Contains("parameters('consoleApiKey')", settings["Console__ApiKey"], StringComparison.Ordinal);

        var key = template.Single("Microsoft.Web/sites/host/functionKeys");
        Assert.Equal(AuthSettings.Element.GetProperty("condition").GetString(), key.Element.GetProperty("condition").GetString());
        Assert.EndsWith("/default/console', parameters('functionAppName'))]", key.Name, StringComparison.Ordinal);
        Assert.Equal("[parameters('consoleApiKey')]", key.Properties.GetProperty("value").GetString());
        Assert.Equal("console", key.Properties.GetProperty("name").GetString());
    }

    [Fact]
    public void ConsoleParameters_TheKeyIsSecure_AndSignInIsAnAzdEnvironmentValue()
    {
        var main = template.Root.GetProperty("parameters");
        Assert.Equal("securestring", main.GetProperty("consoleApiKey").GetProperty("type").GetString());
        Assert.Equal("securestring", main.GetProperty("consoleApiKeyFallback").GetProperty("type").GetString());
        Assert.Equal("[newGuid()]", main.GetProperty("consoleApiKeyFallback").GetProperty("defaultValue").GetString());
        var passed = template.OfType("Microsoft.Resources/deployments").Single(deployment => deployment.Name == "functions" && deployment.Module == "main")
            .Properties.GetProperty("parameters").GetProperty("consoleApiKey").GetString();
        // The pinned key (CONSOLE_API_KEY) where one is set, else the fresh one.
        Assert.Equal("[if(empty(parameters('consoleApiKey')), createObject('value', parameters('consoleApiKeyFallback')), createObject('value', parameters('consoleApiKey')))]", passed);
        Assert.Equal("", main.GetProperty("consoleSignInClientId").GetProperty("defaultValue").GetString());
        var functions = template.Module("functions").GetProperty("parameters");
        Assert.Equal("securestring", functions.GetProperty("consoleApiKey").GetProperty("type").GetString());

        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepoPaths.MainBicep)!, "main.parameters.json")));
        Assert.Equal("${CONSOLE_SIGNIN_CLIENT_ID=}", parameters.RootElement.GetProperty("parameters").GetProperty("consoleSignInClientId").GetProperty("value").GetString());
        Assert.Equal("${CONSOLE_API_KEY=}", parameters.RootElement.GetProperty("parameters").GetProperty("consoleApiKey").GetProperty("value").GetString());
    }

    [Fact]
    public void Uploads_GoStraightToBlobStorage_FromTheAppsOrigin()
    {
        Assert.Equal("Direct", AppSettings()["Handlers__Uploads__Mode"]);

        var blob = template.Single("Microsoft.Storage/storageAccounts/blobServices");
        var rule = Assert.Single(blob.Find("properties.cors.corsRules")!.Value.EnumerateArray());
        Assert.Equal(["PUT", "OPTIONS"], rule.GetProperty("allowedMethods").EnumerateArray().Select(m => m.GetString()));
        var headers = rule.GetProperty("allowedHeaders").EnumerateArray().Select(h => h.GetString()).ToList();
        Assert.Contains("x-ms-blob-type", headers);
        Assert.Contains("content-type", headers);
        Assert.DoesNotContain("*", rule.GetProperty("allowedOrigins").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("[parameters('uploadAllowedOrigins')]", rule.GetProperty("allowedOrigins").GetString());

        // main passes the Functions app's own origin, from the same name the site is given.
        var storage = template.OfType("Microsoft.Resources/deployments").Single(deployment => deployment.Name == "storage" && deployment.Module == "main");
        var origins = storage.Properties.GetProperty("parameters").GetProperty("uploadAllowedOrigins").GetProperty("value").GetString()!;
        Assert.Contains("format('https://{0}.azurewebsites.net', variables('functionAppName'))", origins, StringComparison.Ordinal);
        var functions = template.OfType("Microsoft.Resources/deployments").Single(deployment => deployment.Name == "functions" && deployment.Module == "main");
        Assert.Equal("[variables('functionAppName')]", functions.Properties.GetProperty("parameters").GetProperty("functionAppName").GetProperty("value").GetString());
    }
}

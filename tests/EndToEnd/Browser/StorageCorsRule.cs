using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Platform.EndToEnd.Browser;

/// <summary>
/// Azurite's blob CORS rule for one console origin, as infra/bicep/app/storage.bicep declares it for the Functions app;
/// removed again on dispose. Azurite is shared, so the rule left by an earlier run for another loopback port is replaced
/// (an account holds at most five rules).
/// </summary>
public sealed class StorageCorsRule : IAsyncDisposable
{
    private readonly BlobServiceClient _service = new("UseDevelopmentStorage=true");
    private readonly string _origin;

    private StorageCorsRule(string origin) => _origin = origin;

    public static async Task<StorageCorsRule> AllowAsync(Uri consoleAddress)
    {
        var rule = new StorageCorsRule(consoleAddress.GetLeftPart(UriPartial.Authority));
        await rule.UpdateAsync(rules =>
        {
            rules.RemoveAll(r => r.AllowedOrigins.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
            rules.Add(new BlobCorsRule
            {
                AllowedOrigins = rule._origin,
                AllowedMethods = "PUT,OPTIONS",
                AllowedHeaders = "content-type,x-ms-blob-type,x-ms-version,x-ms-date,x-ms-client-request-id",
                ExposedHeaders = "etag,x-ms-request-id,x-ms-error-code",
                MaxAgeInSeconds = 3600,
            });
        });
        return rule;
    }

    public async ValueTask DisposeAsync() => await UpdateAsync(rules => rules.RemoveAll(r => r.AllowedOrigins == _origin));

    private async Task UpdateAsync(Action<List<BlobCorsRule>> change)
    {
        var properties = (await _service.GetPropertiesAsync()).Value;
        var rules = properties.Cors.ToList();
        change(rules);
        properties.Cors = rules;
        await _service.SetPropertiesAsync(properties);
    }
}

using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;

namespace Platform.Pipeline.Handlers.Uploads;

/// <summary>
/// A SAS that lets its holder create one new blob in <c>datasets</c> and nothing else (no read, no list, no overwrite),
/// for a short while. Under a managed identity (Azure, account keys off) it is a user-delegation SAS signed with a key
/// the identity asks Blob Storage for; with an account key (Azurite) a service SAS signed by that key.
/// </summary>
public sealed class UploadSasIssuer(HandlerContainers containers, IOptions<HandlerOptions> options, TimeProvider time)
{
    /// <summary>Clock skew between this host and Blob Storage that a fresh SAS tolerates.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public async Task<(Uri Url, DateTimeOffset ExpiresOn)> IssueAsync(string blobName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var blob = containers.Datasets.GetBlobClient(blobName);
        var now = time.GetUtcNow();
        var expiresOn = now + options.Value.Uploads.SasLifetime;
        var builder = new BlobSasBuilder(BlobSasPermissions.Create, expiresOn)
        {
            BlobContainerName = containers.Datasets.Name,
            BlobName = blobName,
            Resource = "b",
            StartsOn = now - Skew,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri)
        {
            return (blob.GenerateSasUri(builder), expiresOn);
        }

        var service = containers.Datasets.GetParentBlobServiceClient();
        var key = await service.GetUserDelegationKeyAsync(now - Skew, expiresOn, cancellationToken).ConfigureAwait(false);
        var uri = new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key.Value, service.AccountName) };
        return (uri.ToUri(), expiresOn);
    }
}

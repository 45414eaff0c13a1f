using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Platform.Pipeline.Handlers;

/// <summary>
/// A CSV landed in <c>datasets</c> (Event Grid blob trigger in Azure, the watcher locally): derive the
/// model name from the path (<c>{model}.csv</c> or <c>{model}/{any}.csv</c>), take options from a sibling
/// <c>{same-name}.options.json</c> or from the blob's metadata (<c>options</c> = JSON), and start the job
/// exactly as <c>POST /api/jobs</c> would — so the same bytes and options never train twice.
/// </summary>
public sealed partial class DatasetUploadHandler(HandlerContainers containers, StartJobHandler start, ILogger<DatasetUploadHandler> logger)
{
    private const string OptionsSuffix = ".options.json";
    private const string OptionsMetadataKey = "options";

    public async Task<HandlerResult> HandleAsync(DurableTaskClient client, string blobName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        if (!blobName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            LogIgnored(blobName);
            return HandlerResult.Json(200, new { ignored = blobName, reason = "not a .csv file" });
        }

        var model = ModelFromPath(blobName);
        JsonObject request;
        try
        {
            request = await ReadOptionsAsync(blobName, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Problems.Validation("options", $"The options for '{blobName}' are not a JSON object: {e.Message}");
        }

        request["model"] = model;
        request["dataset"] = blobName;
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(request.ToJsonString()));
        var result = await start.StartAsync(client, body, cancellationToken).ConfigureAwait(false);
        LogUploaded(blobName, model, result.StatusCode);
        return result;
    }

    /// <summary><c>reviews.csv</c> → <c>reviews</c>; <c>reviews/2026-11.csv</c> → <c>reviews</c>; lower-cased.</summary>
    public static string ModelFromPath(string blobName)
    {
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        var name = slash > 0 ? blobName[..slash] : Path.GetFileNameWithoutExtension(blobName);
        return name.ToLowerInvariant();
    }

    private async Task<JsonObject> ReadOptionsAsync(string blobName, CancellationToken cancellationToken)
    {
        var sibling = containers.Datasets.GetBlobClient(blobName[..^".csv".Length] + OptionsSuffix);
        try
        {
            var content = await sibling.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonNode.Parse(content.Value.Content.ToString()) as JsonObject ?? throw new JsonException("the document is not an object");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No sibling: fall back to metadata.
        }

        var properties = await containers.Datasets.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return properties.Value.Metadata.TryGetValue(OptionsMetadataKey, out var json)
            ? JsonNode.Parse(json) as JsonObject ?? throw new JsonException("the metadata value is not an object")
            : [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {BlobName} is not a CSV; ignored")]
    private partial void LogIgnored(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {BlobName} for model {Model} answered {StatusCode}")]
    private partial void LogUploaded(string blobName, string model, int statusCode);
}

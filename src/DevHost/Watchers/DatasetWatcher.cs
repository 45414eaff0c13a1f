using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Storage;

namespace Platform.DevHost.Watchers;

/// <summary>
/// The local stand-in for the Event Grid blob trigger: lists <c>datasets</c> every <see cref="DevHostOptions.WatchInterval"/>
/// and hands each new or changed <c>.csv</c> (name + ETag) to <see cref="DatasetUploadHandler"/>. Blobs already there
/// before the host started are left alone; upload a sibling <c>.options.json</c> before its CSV.
/// </summary>
public sealed partial class DatasetWatcher(
    PipelineStorage storage, DatasetUploadHandler handler, IOptions<DevHostOptions> options, TimeProvider time, ILogger<DatasetWatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, ETag> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Blob times have whole-second precision: a blob uploaded in the second the host started must still count as new.
        var startedAt = time.GetUtcNow() - TimeSpan.FromSeconds(2);
        var interval = options.Value.WatchInterval;
        LogWatching(logger, storage.Datasets.Name, interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(startedAt, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e)
            {
                LogScanFailed(logger, storage.Datasets.Name, e.Message);
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ScanAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await storage.Datasets.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await foreach (var blob in storage.Datasets.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
        {
            if (!blob.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                || (_seen.TryGetValue(blob.Name, out var etag) && etag == blob.Properties.ETag))
            {
                continue;
            }

            if (blob.Properties.LastModified < startedAt && !_seen.ContainsKey(blob.Name))
            {
                // Present before start-up: already handled by an earlier run (or deliberately left), not an upload.
                _seen[blob.Name] = blob.Properties.ETag!.Value;
                continue;
            }

            await HandleAsync(blob, cancellationToken);
        }
    }

    private async Task HandleAsync(BlobItem blob, CancellationToken cancellationToken)
    {
        try
        {
            var result = await handler.HandleAsync(blob.Name, cancellationToken);
            _seen[blob.Name] = blob.Properties.ETag!.Value;
            if (result.StatusCode >= 400)
            {
                // Nobody is waiting on an HTTP answer here: the problem document is the only place a person learns why.
                LogRejected(logger, blob.Name, result.StatusCode, result.Body);
            }
            else
            {
                LogHandled(logger, blob.Name, result.StatusCode);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not remembered: the next scan tries again, as a trigger would retry.
            LogHandlingFailed(logger, blob.Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching container {Container} every {Interval}")]
    private static partial void LogWatching(ILogger logger, string container, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {BlobName} handled: {StatusCode}")]
    private static partial void LogHandled(ILogger logger, string blobName, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {BlobName} was not started ({StatusCode}): {Problem}")]
    private static partial void LogRejected(ILogger logger, string blobName, int statusCode, string? problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing {Container} failed, retrying: {Reason}")]
    private static partial void LogScanFailed(ILogger logger, string container, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dataset {BlobName} could not be handled; retrying on the next scan")]
    private static partial void LogHandlingFailed(ILogger logger, string blobName, Exception exception);
}

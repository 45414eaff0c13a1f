using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Platform.DevHost.Durable;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Storage;

namespace Platform.DevHost.Watchers;

/// <summary>
/// The local stand-in for the Event Grid blob trigger: lists <c>datasets</c> every <see cref="DevHostOptions.WatchInterval"/>
/// and hands each new or changed <c>.csv</c> (name + ETag) to <see cref="DatasetUploadHandler"/>; upload a sibling
/// <c>.options.json</c> before its CSV. Like Event Grid, which delivers the events of a function app's downtime when it is
/// back, the watcher also takes CSVs uploaded while DevHost was stopped: it keeps how far it has looked in
/// <c>jobs/.devhost/datasets-watermark.json</c> (only with the Durable backend in Azure Storage, where a CSV handed over
/// twice finds its existing job). Blobs older than the watermark, or than the first start, are left alone.
/// </summary>
public sealed partial class DatasetWatcher(
    PipelineStorage storage,
    DatasetUploadHandler handler,
    IOptions<DevHostOptions> options,
    IOptions<DurableBackendOptions> durable,
    TimeProvider time,
    ILogger<DatasetWatcher> logger) : BackgroundService
{
    public const string WatermarkBlob = ".devhost/datasets-watermark.json";

    // Blob times have whole-second precision: a blob uploaded in the second a scan began must still count as new.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WatermarkEvery = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, ETag> _seen = new(StringComparer.Ordinal);

    private bool Persistent => durable.Value.Backend == DurableBackendKind.AzureStorage;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var startedAt = time.GetUtcNow() - Slack;
        var since = startedAt;
        var interval = options.Value.WatchInterval;
        LogWatching(logger, storage.Datasets.Name, interval);
        var watermarkRead = !Persistent;
        var watermarkWrittenAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!watermarkRead)
                {
                    since = await ReadWatermarkAsync(stoppingToken) ?? startedAt;
                    watermarkRead = true;
                    if (since < startedAt)
                    {
                        LogCatchingUp(logger, storage.Datasets.Name, since);
                    }
                }

                var scanStarted = time.GetUtcNow() - Slack;
                if (await ScanAsync(since, stoppingToken) && Persistent && time.GetUtcNow() - watermarkWrittenAt >= WatermarkEvery)
                {
                    await WriteWatermarkAsync(scanStarted, stoppingToken);
                    watermarkWrittenAt = time.GetUtcNow();
                }
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

    /// <summary>True when every CSV of this scan was handed over (so the watermark may move past them).</summary>
    private async Task<bool> ScanAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await storage.Datasets.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var complete = true;
        await foreach (var blob in storage.Datasets.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
        {
            if (!blob.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                || (_seen.TryGetValue(blob.Name, out var etag) && etag == blob.Properties.ETag))
            {
                continue;
            }

            if (blob.Properties.LastModified < since && !_seen.ContainsKey(blob.Name))
            {
                // Older than what earlier runs looked at (or than the first start): handled before, or deliberately left.
                _seen[blob.Name] = blob.Properties.ETag!.Value;
                continue;
            }

            complete &= await HandleAsync(blob, cancellationToken);
        }

        return complete;
    }

    private async Task<DateTimeOffset?> ReadWatermarkAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await storage.Jobs.GetBlobClient(WatermarkBlob).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<Watermark>()?.Since;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task WriteWatermarkAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await storage.Jobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await storage.Jobs.GetBlobClient(WatermarkBlob).UploadAsync(BinaryData.FromObjectAsJson(new Watermark(since)), overwrite: true, cancellationToken);
    }

    private async Task<bool> HandleAsync(BlobItem blob, CancellationToken cancellationToken)
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

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not remembered: the next scan tries again, as a trigger would retry.
            LogHandlingFailed(logger, blob.Name, e);
            return false;
        }
    }

    private sealed record Watermark(DateTimeOffset Since);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching container {Container} every {Interval}")]
    private static partial void LogWatching(ILogger logger, string container, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {Container}: taking CSVs uploaded since {Since} (while DevHost was stopped)")]
    private static partial void LogCatchingUp(ILogger logger, string container, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {BlobName} handled: {StatusCode}")]
    private static partial void LogHandled(ILogger logger, string blobName, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {BlobName} was not started ({StatusCode}): {Problem}")]
    private static partial void LogRejected(ILogger logger, string blobName, int statusCode, string? problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing {Container} failed, retrying: {Reason}")]
    private static partial void LogScanFailed(ILogger logger, string container, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dataset {BlobName} could not be handled; retrying on the next scan")]
    private static partial void LogHandlingFailed(ILogger logger, string blobName, Exception exception);
}

using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Platform.DevHost.Durable;
using Platform.DevHost.Functions;
using Platform.Pipeline.Storage;

namespace Platform.DevHost.Watchers;

/// <summary>
/// The local stand-in for an Event Grid blob trigger, one per <c>[BlobTrigger]</c> function of the Functions app
/// (DatasetUploaded on <c>datasets</c>, ScoringUploaded on <c>scoring</c>): lists the trigger's container every
/// <see cref="DevHostOptions.WatchInterval"/> and calls the function with a <see cref="BlobClient"/> for each new or changed
/// <c>.csv</c> (name + ETag), as Event Grid's BlobCreated does in Azure; upload a sibling
/// <c>.options.json</c> before its CSV. Like Event Grid, which delivers the events of a function app's downtime when it is
/// back, the watcher also takes CSVs uploaded while DevHost was stopped: it keeps how far it has looked in
/// <c>jobs/.devhost/{container}-watermark.json</c> (only with the Durable backend in Azure Storage, where a CSV handed over
/// twice finds its existing job). Blobs older than the watermark, or than the first start, are left alone.
/// </summary>
public sealed partial class BlobTriggerWatcher(
    FunctionDescriptor trigger,
    PipelineStorage storage,
    BlobServiceClient blobs,
    IConfiguration configuration,
    FunctionInvoker invoker,
    IOptions<DevHostOptions> options,
    IOptions<DurableBackendOptions> durable,
    TimeProvider time,
    ILogger<BlobTriggerWatcher> logger) : BackgroundService
{
    // Blob times have whole-second precision: a blob uploaded in the second a scan began must still count as new.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WatermarkEvery = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, ETag> _seen = new(StringComparer.Ordinal);
    private readonly FunctionDescriptor _trigger = trigger;
    private BlobContainerClient? _container;

    /// <summary>Where the watcher of <paramref name="container"/> keeps how far it has looked, in the jobs container.</summary>
    public static string WatermarkBlob(string container) => $".devhost/{container}-watermark.json";

    /// <summary>The container named by the trigger's path (<c>{container}/{name}</c>), its settings resolved.</summary>
    private BlobContainerClient Container => _container ??= blobs.GetBlobContainerClient(
        BindingExpressions.Resolve(_trigger.TriggerAs<BlobTriggerAttribute>()!.BlobPath, configuration).Split('/')[0]);

    private bool Persistent => durable.Value.Backend == DurableBackendKind.AzureStorage;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var startedAt = time.GetUtcNow() - Slack;
        var since = startedAt;
        var interval = options.Value.WatchInterval;
        LogWatching(logger, Container.Name, interval);
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
                        LogCatchingUp(logger, Container.Name, since);
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
                LogScanFailed(logger, Container.Name, e.Message);
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>True when every CSV of this scan was handed over (so the watermark may move past them).</summary>
    private async Task<bool> ScanAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var complete = true;
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
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
            var content = await storage.Jobs.GetBlobClient(WatermarkBlob(Container.Name)).DownloadContentAsync(cancellationToken);
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
        await storage.Jobs.GetBlobClient(WatermarkBlob(Container.Name)).UploadAsync(BinaryData.FromObjectAsJson(new Watermark(since)), overwrite: true, cancellationToken);
    }

    private async Task<bool> HandleAsync(BlobItem blob, CancellationToken cancellationToken)
    {
        try
        {
            await invoker.InvokeAsync(_trigger, new InvocationInputs(Container.GetBlobClient(blob.Name), cancellationToken)
            {
                BindingData = new Dictionary<string, object?> { ["name"] = blob.Name, ["blobTrigger"] = $"{Container.Name}/{blob.Name}" },
            });
            _seen[blob.Name] = blob.Properties.ETag!.Value;
            LogHandled(logger, blob.Name, _trigger.Name);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob {BlobName} handed to function {Function}")]
    private static partial void LogHandled(ILogger logger, string blobName, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing {Container} failed, retrying: {Reason}")]
    private static partial void LogScanFailed(ILogger logger, string container, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Blob {BlobName} could not be handled; retrying on the next scan")]
    private static partial void LogHandlingFailed(ILogger logger, string blobName, Exception exception);
}

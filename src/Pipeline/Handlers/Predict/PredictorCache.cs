using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modeling.Serving;
using Platform.Shared.Jobs;
using Platform.Shared.Storage;

namespace Platform.Pipeline.Handlers.Predict;

/// <summary>
/// One <see cref="Predictor"/> per (model, version), loaded once: the package is downloaded from
/// <c>models/{model}/{version}/</c> into a private folder and verified against its manifest by
/// <see cref="Predictor.Load"/>. Concurrent first requests share one load; a failed load is retried next time.
/// </summary>
public sealed partial class PredictorCache(HandlerContainers containers, IOptions<HandlerOptions> options, ILogger<PredictorCache> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string Model, string Version), Lazy<Task<Predictor?>>> _predictors = new();
    private readonly string _root = Path.Combine(
        options.Value.PackageCacheDirectory ?? Path.Combine(Path.GetTempPath(), "platform-model-cache"),
        Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The predictor, or null when the version has no blobs.</summary>
    /// <exception cref="Platform.Modeling.Packaging.ModelPackageException">The package is incomplete or was altered.</exception>
    public async Task<Predictor?> GetAsync(string model, string version, CancellationToken cancellationToken)
    {
        var key = (model, version);
        var lazy = _predictors.GetOrAdd(key, k => new Lazy<Task<Predictor?>>(() => LoadAsync(k.Model, k.Version)));
        try
        {
            var predictor = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (predictor is null)
            {
                _predictors.TryRemove(new KeyValuePair<(string, string), Lazy<Task<Predictor?>>>(key, lazy));
            }

            return predictor;
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _predictors.TryRemove(new KeyValuePair<(string, string), Lazy<Task<Predictor?>>>(key, lazy));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _predictors.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                lazy.Value.Result?.Dispose();
            }
        }

        _predictors.Clear();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // Loads run to completion whoever asked first, so one caller's cancellation cannot fail the others.
    private async Task<Predictor?> LoadAsync(string model, string version)
    {
        var prefix = ModelBlobs.VersionPrefix(model, version);
        var folder = Path.Combine(_root, model, $"{version}-{Guid.NewGuid():N}");
        var count = await BlobPrefix.DownloadAsync(containers.Models, prefix, folder, CancellationToken.None).ConfigureAwait(false);
        if (count == 0)
        {
            return null;
        }

        try
        {
            var predictor = await Task.Run(() => Predictor.Load(folder, options.Value.Predictor)).ConfigureAwait(false);
            LogLoaded(model, version, count, predictor.Precision);
            return predictor;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded model {Model} version {Version} ({FileCount} files, {Precision})")]
    private partial void LogLoaded(string model, string version, int fileCount, string precision);
}

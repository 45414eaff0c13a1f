using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Handlers.Models;

namespace Platform.Pipeline.Handlers.Predict;

/// <summary>
/// Which version each model currently serves. current.json is trusted for
/// <see cref="HandlerOptions.CurrentModelCheckInterval"/>, then checked with a cheap properties request
/// and downloaded again only when its ETag changed, so a promotion is picked up within seconds.
/// </summary>
public sealed class CurrentVersionTracker(ModelCatalog catalog, IOptions<HandlerOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The current version of <paramref name="model"/>, or null when it has no current.json.</summary>
    /// <exception cref="InvalidDataException">current.json exists but is not valid.</exception>
    public async Task<string?> GetAsync(string model, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (_entries.TryGetValue(model, out var entry) && Stopwatch.GetElapsedTime(entry.CheckedAt, now) < options.Value.CurrentModelCheckInterval)
        {
            return entry.Version;
        }

        if (entry is not null)
        {
            var etag = await catalog.CurrentETagAsync(model, cancellationToken).ConfigureAwait(false);
            if (etag == entry.ETag)
            {
                _entries[model] = entry with { CheckedAt = now };
                return entry.Version;
            }
        }

        if (await catalog.ReadCurrentAsync(model, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            _entries.TryRemove(model, out _);
            return null;
        }

        _entries[model] = new Entry(current.Document.Version, current.ETag, now);
        return current.Document.Version;
    }

    private sealed record Entry(string Version, ETag ETag, long CheckedAt);
}

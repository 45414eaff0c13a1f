using Microsoft.Extensions.Logging;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;

namespace Platform.Runner.Jobs;

/// <summary>Polls for the marker <c>jobs/{id}/cancel</c> and cancels the training token when it appears.</summary>
internal sealed class CancelWatcher : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile bool _requested;

    public CancelWatcher(JobStorage storage, string jobId, TimeSpan interval, CancellationTokenSource training, ILogger logger)
    {
        _loop = WatchAsync(storage, jobId, interval, training, logger, _stop.Token);
    }

    /// <summary>True once the marker was seen: a cancelled training token then means "cancelled by the user".</summary>
    public bool Requested => _requested;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task WatchAsync(JobStorage storage, string jobId, TimeSpan interval, CancellationTokenSource training, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, cancellationToken);
                try
                {
                    if (await storage.ExistsAsync(JobBlobs.CancelMarker(jobId), cancellationToken))
                    {
                        RunnerLog.CancelRequested(logger, jobId);
                        _requested = true;
                        await training.CancelAsync();
                        return;
                    }
                }
                catch (Azure.RequestFailedException ex)
                {
                    RunnerLog.CancelCheckFailed(logger, jobId, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
    }
}

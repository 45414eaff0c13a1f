using Microsoft.Extensions.Logging;
using Platform.Modeling.Training;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;

namespace Platform.Runner.Jobs;

/// <summary>
/// Progress and heartbeat in <c>jobs/{id}/status.json</c>. Taking the attempt, every phase change and every evaluation
/// are written at once, before the caller goes on (so nothing the attempt does next, a mirrored checkpoint included, is
/// seen before the phase it happened in); progress in between only updates memory, and a background loop writes the
/// latest snapshot every interval as the liveness beat (so long evaluations still beat). Writes are serialized and each
/// takes its snapshot when its turn comes, so a slow beat never overwrites a newer phase. A failed write is logged, never fatal.
/// </summary>
internal sealed class JobStatusReporter : IAsyncDisposable
{
    private readonly JobStorage _storage;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task _loop = Task.CompletedTask;
    private JobStatusDocument _current;
    private bool _finished;

    private JobStatusReporter(JobStorage storage, JobStatusDocument initial, ILogger logger)
    {
        _storage = storage;
        _logger = logger;
        _current = initial;
    }

    /// <summary>
    /// Takes the attempt: writes the first document (phase <c>loading</c>, <see cref="JobStatusDocument.TakenAt"/> =
    /// <paramref name="takenAt"/>) before returning, then beats every <paramref name="interval"/>.
    /// </summary>
    public static async Task<JobStatusReporter> StartAsync(
        JobStorage storage, TrainingJobRequested job, DateTimeOffset takenAt, TimeSpan interval, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var reporter = new JobStatusReporter(storage, new JobStatusDocument
        {
            JobId = job.JobId, Attempt = job.Attempt, TakenAt = takenAt, Phase = RunnerPhases.Loading, Epochs = job.Training.Epochs,
        }, logger);
        try
        {
            await reporter.WriteAsync(cancellationToken);
        }
        catch
        {
            await reporter.DisposeAsync();
            throw;
        }

        reporter._loop = reporter.BeatAsync(interval, reporter._stop.Token);
        return reporter;
    }

    /// <summary>A phase reported on the training thread: written before it returns when it differs from the current one.</summary>
    public void Phase(string phase, double percent)
    {
        if (Update(s => s with { Phase = phase, Percent = Math.Max(s.Percent, percent) }))
        {
            TryWrite();
        }
    }

    /// <summary>A phase the runner itself enters (uploading): written before the returned task completes.</summary>
    public async Task PhaseAsync(string phase, double percent, CancellationToken cancellationToken)
    {
        if (Update(s => s with { Phase = phase, Percent = Math.Max(s.Percent, percent) }))
        {
            try
            {
                await WriteAsync(cancellationToken);
            }
            catch (Azure.RequestFailedException ex)
            {
                RunnerLog.HeartbeatFailed(_logger, _current.JobId, ex);
            }
        }
    }

    /// <summary>Records the checkpoint step this delivery continues from (written with the next write).</summary>
    public void ResumedFrom(int? step) => Update(s => s with { ResumedFromStep = step });

    /// <summary>
    /// Training uses 0–90 % of the bar; evaluation, packaging and upload the rest. The first report of a training phase and
    /// every evaluation result are written before it returns, that is before the trainer writes the checkpoint that follows.
    /// </summary>
    public void Training(TrainingProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var phaseChanged = Update(s => s with
        {
            Phase = RunnerPhases.Training,
            Percent = Math.Round(p.Fraction * 90, 1),
            Epoch = p.Epoch,
            Epochs = p.Epochs,
            Step = p.Step,
            TotalSteps = p.TotalSteps,
            Loss = p.Loss,
            LearningRate = p.LearningRate,
            SequencesPerSecond = p.SequencesPerSecond,
            EtaSeconds = p.Eta?.TotalSeconds,
            ValidationMacroF1 = p.ValidationMacroF1 ?? s.ValidationMacroF1,
            BestValidationMacroF1 = p.BestValidationMacroF1,
        });
        // The trainer reports a validation score only in the report that ends an evaluation.
        if (phaseChanged || p.ValidationMacroF1 is not null)
        {
            TryWrite();
        }
    }

    /// <summary>Stops the heartbeat and writes the final document.</summary>
    /// <remarks>
    /// From here on the document is final: a report the training thread makes later (it may still be winding down after a
    /// cancel or a stop) changes nothing, and any write still queued writes this document, so the last word is this one.
    /// </remarks>
    public async Task FinishAsync(string phase, double? percent, string? error, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _current = _current with { Phase = phase, Percent = percent ?? _current.Percent, Error = error, EtaSeconds = null };
            _finished = true;
        }

        await StopAsync();
        await WriteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _writing.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    /// <summary>Applies <paramref name="change"/>; true when it changed the phase.</summary>
    private bool Update(Func<JobStatusDocument, JobStatusDocument> change)
    {
        lock (_gate)
        {
            if (_finished)
            {
                return false;
            }

            var before = _current.Phase;
            _current = change(_current);
            return !string.Equals(before, _current.Phase, StringComparison.Ordinal);
        }
    }

    private JobStatusDocument Stamp()
    {
        lock (_gate)
        {
            return _current = _current with { HeartbeatAt = DateTimeOffset.UtcNow };
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var snapshot = Stamp();
            await _storage.WriteJsonAsync(JobBlobs.Status(snapshot.JobId), snapshot, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>The synchronous write of the training thread (the trainer waits, as it waits for checkpoint uploads).</summary>
    private void TryWrite()
    {
        _writing.Wait();
        try
        {
            var snapshot = Stamp();
            _storage.WriteJson(JobBlobs.Status(snapshot.JobId), snapshot);
        }
        catch (Azure.RequestFailedException ex)
        {
            RunnerLog.HeartbeatFailed(_logger, _current.JobId, ex);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task BeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                try
                {
                    await WriteAsync(cancellationToken);
                }
                catch (Azure.RequestFailedException ex)
                {
                    RunnerLog.HeartbeatFailed(_logger, _current.JobId, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped; the final write is FinishAsync's.
        }
    }
}

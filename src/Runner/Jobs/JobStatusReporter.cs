using Azure;
using Microsoft.Extensions.Logging;
using Platform.Modeling.Training;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;
using Platform.Shared.Training;

namespace Platform.Runner.Jobs;

/// <summary>
/// Progress and heartbeat in <c>jobs/{id}/status.json</c>. Taking the attempt, every phase change and every evaluation
/// are written at once, before the caller goes on (so nothing the attempt does next, a mirrored checkpoint included, is
/// seen before the phase it happened in); progress in between only updates memory, and a background loop writes the
/// latest snapshot every interval as the liveness beat (so long evaluations still beat). Writes are serialized and each
/// takes its snapshot when its turn comes, so a slow beat never overwrites a newer phase. A failed write is logged, never fatal.
/// <para>
/// Every write is conditional on the version this reporter last wrote (or read when taking the attempt). When another
/// writer got in between and the document now holds a newer attempt (the watchdog lost this runner's heartbeat and
/// re-dispatched the job), this attempt is superseded: nothing more is written and <see cref="Superseded"/> is cancelled,
/// so a slow runner coming back never overwrites the attempt that replaced it.
/// </para>
/// </summary>
internal sealed class JobStatusReporter : IAsyncDisposable
{
    private readonly JobStorage _storage;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _superseded = new();
    private readonly Lock _gate = new();
    private Task _loop = Task.CompletedTask;
    private JobStatusDocument _current;
    private ETag? _etag;
    private bool _finished;
    private int _supersededBy; // 0 while this attempt holds the job (a superseding attempt is at least 1)

    private JobStatusReporter(JobStorage storage, JobStatusDocument initial, ETag? etag, ILogger logger)
    {
        _storage = storage;
        _logger = logger;
        _current = initial;
        _etag = etag;
    }

    /// <summary>Cancelled when a newer attempt took the job's status document; training should stop.</summary>
    public CancellationToken Superseded => _superseded.Token;

    /// <summary>The newer attempt that took the job, or null while this attempt holds it.</summary>
    public int? SupersededBy => Volatile.Read(ref _supersededBy) is var by and not 0 ? by : null;

    /// <summary>
    /// Takes the attempt: writes the first document (phase <c>loading</c>, <see cref="JobStatusDocument.TakenAt"/> =
    /// <paramref name="takenAt"/>) over the version read at <paramref name="read"/> (null: none existed) before returning,
    /// then beats every <paramref name="interval"/>. Check <see cref="SupersededBy"/>: a newer attempt may have taken the
    /// job since it was read.
    /// </summary>
    public static async Task<JobStatusReporter> StartAsync(
        JobStorage storage, TrainingJobRequested job, DateTimeOffset takenAt, ETag? read, TimeSpan interval, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var reporter = new JobStatusReporter(storage, new JobStatusDocument
        {
            JobId = job.JobId, Attempt = job.Attempt, TakenAt = takenAt, Phase = RunnerPhases.Loading, Epochs = job.Training.Epochs ?? 0,
        }, read, logger);
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

    /// <summary>
    /// Writes the current document now (a beat) and throws <see cref="AttemptSupersededException"/> when a newer attempt
    /// holds the job: called before anything is written that only the current attempt may write (the package, the result).
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        await WriteAsync(cancellationToken);
        ThrowIfSuperseded();
    }

    /// <summary>Throws <see cref="AttemptSupersededException"/> when a newer attempt took the job.</summary>
    public void ThrowIfSuperseded()
    {
        if (SupersededBy is { } by)
        {
            throw new AttemptSupersededException(_current.JobId, _current.Attempt, by);
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
            LossHistory = p.Losses ?? s.LossHistory,
            ValidationHistory = p.History is { } history ? [.. history.Select(h => new StepValue(h.Step, h.MacroF1))] : s.ValidationHistory,
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
        _superseded.Dispose();
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
        int? supersededBy;
        await _writing.WaitAsync(cancellationToken);
        try
        {
            supersededBy = await WriteOnceAsync(cancellationToken);
        }
        finally
        {
            _writing.Release();
        }

        if (supersededBy is { } by && Interlocked.CompareExchange(ref _supersededBy, by, 0) == 0)
        {
            RunnerLog.SupersededAttempt(_logger, _current.JobId, _current.Attempt, JobBlobs.Status(_current.JobId), by);
            await _superseded.CancelAsync();
        }
    }

    /// <summary>One conditional write (and one retry over a document that does not hold a newer attempt); the newer attempt when one holds it.</summary>
    private async Task<int?> WriteOnceAsync(CancellationToken cancellationToken)
    {
        if (SupersededBy is not null)
        {
            return null;
        }

        var name = JobBlobs.Status(_current.JobId);
        for (var retry = false; ; retry = true)
        {
            var snapshot = Stamp();
            try
            {
                _etag = await _storage.WriteJsonIfAsync(name, snapshot, _etag, cancellationToken);
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && !retry)
            {
                // Someone wrote the document since this reporter last did: a newer attempt supersedes this one; anything
                // else (the previous delivery of this attempt, a document that is not valid) is taken over.
                var (stored, etag) = await _storage.ReadJsonWithETagAsync<JobStatusDocument>(name, cancellationToken);
                if (stored is not null && stored.Attempt > snapshot.Attempt)
                {
                    return stored.Attempt;
                }

                _etag = etag;
            }
        }
    }

    /// <summary>The write of the training thread, which waits for it (as it waits for checkpoint uploads); it runs on its own thread, so blocking is safe.</summary>
    private void TryWrite()
    {
        try
        {
            WriteAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (RequestFailedException ex)
        {
            RunnerLog.HeartbeatFailed(_logger, _current.JobId, ex);
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

using Microsoft.Extensions.Logging;
using Platform.Runner.Storage;
using Platform.Modeling.Training;
using Platform.Shared.Jobs;

namespace Platform.Runner.Jobs;

/// <summary>
/// Heartbeat and progress in <c>jobs/{id}/status.json</c>: progress only updates memory; a background loop
/// writes the latest snapshot every interval (so long evaluations still beat) and at once on a phase change.
/// A failed heartbeat write is logged, never fatal.
/// </summary>
internal sealed class JobStatusReporter : IAsyncDisposable
{
    private readonly JobStorage _storage;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _phaseChanged = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private JobStatusDocument _current;

    public JobStatusReporter(JobStorage storage, TrainingJobRequested job, TimeSpan interval, ILogger logger)
    {
        _storage = storage;
        _logger = logger;
        _current = new JobStatusDocument { JobId = job.JobId, Attempt = job.Attempt, Phase = RunnerPhases.Loading, Epochs = job.Training.Epochs };
        _loop = BeatAsync(interval, _stop.Token);
    }

    public void Phase(string phase, double percent)
    {
        Update(s => s with { Phase = phase, Percent = Math.Max(s.Percent, percent) });
        _phaseChanged.Release();
    }

    /// <summary>Records the checkpoint step this delivery continues from (written with the next beat).</summary>
    public void ResumedFrom(int? step) => Update(s => s with { ResumedFromStep = step });

    /// <summary>Training uses 0–90 % of the bar; evaluation, packaging and upload the rest.</summary>
    public void Training(TrainingProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        Update(s => s with
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
    }

    /// <summary>Stops the heartbeat and writes the final document.</summary>
    public async Task FinishAsync(string phase, double? percent, string? error, CancellationToken cancellationToken)
    {
        await StopAsync();
        Update(s => s with { Phase = phase, Percent = percent ?? s.Percent, Error = error, EtaSeconds = null });
        await WriteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _phaseChanged.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    private void Update(Func<JobStatusDocument, JobStatusDocument> change)
    {
        lock (_gate)
        {
            _current = change(_current);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        JobStatusDocument snapshot;
        lock (_gate)
        {
            snapshot = _current = _current with { HeartbeatAt = DateTimeOffset.UtcNow };
        }

        await _storage.WriteJsonAsync(JobBlobs.Status(snapshot.JobId), snapshot, cancellationToken);
    }

    private async Task BeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await WriteAsync(cancellationToken);
                }
                catch (Azure.RequestFailedException ex)
                {
                    RunnerLog.HeartbeatFailed(_logger, _current.JobId, ex);
                }

                await _phaseChanged.WaitAsync(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped; the final write is FinishAsync's.
        }
    }
}

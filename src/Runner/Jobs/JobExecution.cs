using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Training;
using Platform.Runner.Hosting;
using Platform.Runner.Storage;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;

namespace Platform.Runner.Jobs;

/// <summary>
/// One training attempt: splits, the base model (unless built in) and any mirrored checkpoint down, fine-tune
/// with heartbeat, cancel marker and checkpoint mirroring, package up, <c>result.json</c> written. Returns the
/// event to send; throws on failure and <see cref="OperationCanceledException"/> when the runner is stopping.
/// </summary>
internal sealed class JobExecution(
    JobStorage storage,
    SplitsLoader splits,
    BaseModelDownloader baseModels,
    ICheckpointMirror checkpoints,
    IOptions<RunnerSettings> settings,
    ILogger<JobExecution> logger)
{
    public async Task<TrainingFinished> RunAsync(TrainingJobRequested job, JobStatusReporter status, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(status);
        var options = settings.Value;
        var work = Path.Combine(options.ResolveWorkFolder(), job.JobId);
        var checkpointDirectory = Path.Combine(work, "checkpoint");
        var packageDirectory = Path.Combine(work, "model");

        if (await storage.ExistsAsync(JobBlobs.CancelMarker(job.JobId), stopping))
        {
            return await CancelledAsync(job, status, stopping);
        }

        DatasetSplits data;
        string sha256, baseModel;
        int? resumedFrom;
        using (var prepare = RunnerTelemetry.StartStep("prepare", job.JobId))
        {
            (data, sha256) = await splits.LoadAsync(job, stopping);
            baseModel = await baseModels.ResolveAsync(job.JobId, job.BaseModel, work, stopping);
            resumedFrom = await checkpoints.RestoreAsync(job.JobId, checkpointDirectory, stopping);
            prepare?.SetTag("job.train_rows", data.Train.Examples.Count);
            prepare?.SetTag("job.resumed_from_step", resumedFrom);
        }

        status.ResumedFrom(resumedFrom);
        var training = job.Training with { Device = options.Device };
        var request = new SplitsFineTuneRequest(data, sha256, packageDirectory)
        {
            BaseModel = baseModel,
            Training = training,
            CheckpointDirectory = checkpointDirectory,
            CheckpointSaved = saved => checkpoints.Upload(job.JobId, saved),
        };
        RunnerLog.TrainingStarted(logger, job.JobId, job.Attempt, data.Train.Examples.Count, job.BaseModel, DeviceSelector.Resolve(training.Device).type.ToString(), resumedFrom ?? 0);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping, status.Superseded);
        FineTuneResult result;
        await using (var watcher = new CancelWatcher(storage, job.JobId, options.CancelPollInterval, cancel, logger))
        using (var train = RunnerTelemetry.StartStep("train", job.JobId))
        {
            try
            {
                result = await Task.Factory.StartNew(
                    () => FineTuner.RunOnSplits(request, new StatusProgress(status), cancel.Token),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                train?.SetTag("training.device", training.Device);
                train?.SetTag("training.steps", result.Training.Steps);
                train?.SetTag("training.best_validation_macro_f1", result.Training.BestMacroF1);
                train?.SetTag("training.sequences_per_second", result.Training.SequencesPerSecond);
                RunnerTelemetry.Throughput.Record(result.Training.SequencesPerSecond, new KeyValuePair<string, object?>("device", training.Device));
            }
            catch (OperationCanceledException) when (status.SupersededBy is not null && !stopping.IsCancellationRequested)
            {
                TryDelete(work);
                status.ThrowIfSuperseded();
                throw;
            }
            catch (OperationCanceledException) when (watcher.Requested && !stopping.IsCancellationRequested)
            {
                return await CancelledAsync(job, status, stopping);
            }
        }

        // The package and the result belong to the attempt that holds the job; a superseded one writes neither.
        await status.PhaseAsync(RunnerPhases.Uploading, 95, stopping);
        status.ThrowIfSuperseded();
        using (RunnerTelemetry.StartStep("upload", job.JobId))
        {
            await storage.UploadDirectoryAsync(packageDirectory, JobBlobs.ModelPrefix(job.JobId), stopping);
        }

        await status.EnsureCurrentAsync(stopping);
        var finished = new TrainingFinished(job.JobId, job.Attempt, TrainingOutcome.Succeeded,
            ModelPrefix: JobBlobs.ModelPrefix(job.JobId), ValidationMacroF1: result.Training.BestMacroF1, Steps: result.Training.Steps);
        await storage.WriteJsonAsync(JobBlobs.Result(job.JobId), new JobResultDocument(
            finished, result.Training.Steps, result.Training.Resumed, resumedFrom, result.Test.MacroF1, training.Device, DateTimeOffset.UtcNow), stopping);
        await status.FinishAsync(RunnerPhases.Finished, 100, null, stopping);
        RunnerLog.TrainingSucceeded(logger, job.JobId, job.Attempt, result.Training.Steps, result.Training.BestMacroF1, result.Training.Resumed);

        await checkpoints.DeleteAsync(job.JobId, stopping);
        TryDelete(work);
        return finished;
    }

    private async Task<TrainingFinished> CancelledAsync(TrainingJobRequested job, JobStatusReporter status, CancellationToken cancellationToken)
    {
        var cancelled = new TrainingFinished(job.JobId, job.Attempt, TrainingOutcome.Cancelled, "Cancelled", "The job was cancelled.");
        await storage.WriteJsonAsync(JobBlobs.Result(job.JobId), new JobResultDocument(cancelled, 0, false, null, null, settings.Value.Device, DateTimeOffset.UtcNow), cancellationToken);
        await status.FinishAsync(RunnerPhases.Cancelled, null, cancelled.Error, cancellationToken);
        RunnerLog.TrainingCancelled(logger, job.JobId, job.Attempt);
        await checkpoints.DeleteAsync(job.JobId, cancellationToken);
        TryDelete(Path.Combine(settings.Value.ResolveWorkFolder(), job.JobId));
        return cancelled;
    }

    private void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException ex)
        {
            RunnerLog.CleanupFailed(logger, directory, ex);
        }
    }

    private sealed class StatusProgress(JobStatusReporter status) : IProgress<FineTuneProgress>
    {
        public void Report(FineTuneProgress value)
        {
            if (value.Training is { } training)
            {
                status.Training(training);
            }
            else
            {
                status.Phase(value.Phase, value.Phase == RunnerPhases.Loading ? 0 : 90);
            }
        }
    }
}

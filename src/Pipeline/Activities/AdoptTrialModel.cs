using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Activities;

/// <summary>
/// Copies the winning trial's package (<c>jobs/{trial}/model/</c>) to its sweep's <c>jobs/{sweep}/model/</c>, so the sweep
/// is evaluated and published exactly as a single run is; a re-run copies the same files again.
/// </summary>
public sealed class AdoptTrialModel(PipelineStorage storage, ILogger<AdoptTrialModel> logger) : TaskActivity<AdoptTrialModelInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, AdoptTrialModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var copied = await BlobFolders.CopyAsync(storage.Jobs, JobBlobs.ModelPrefix(input.TrialJobId), storage.Jobs, JobBlobs.ModelPrefix(input.SweepJobId));
        if (copied == 0)
        {
            throw new InvalidOperationException($"Trial {input.TrialJobId} has no model package under {storage.Jobs.Name}/{JobBlobs.ModelPrefix(input.TrialJobId)}.");
        }

        logger.LogInformation("Job {JobId}: adopted the package of trial {TrialJobId} ({Files} files)", input.SweepJobId, input.TrialJobId, copied);
        return copied;
    }
}

using Microsoft.DurableTask;
using Platform.Pipeline.Storage;
using Platform.Pipeline.Sweeps;

namespace Platform.Pipeline.Activities;

/// <summary>Writes a sweep's <c>jobs/{id}/sweep.json</c> (every trial, its options and outcome) for the job view; the same record writes the same bytes.</summary>
public sealed class RecordSweep(PipelineStorage storage) : TaskActivity<SweepRecord, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SweepRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await storage.Jobs.GetBlobClient(PipelineBlobs.Sweep(input.JobId)).UploadJsonAsync(input);
        return true;
    }
}

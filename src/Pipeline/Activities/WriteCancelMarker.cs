using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Storage;

namespace Platform.Pipeline.Activities;

/// <summary>Writes <c>jobs/{id}/cancel</c>, which the runner checks between steps; artifacts written so far stay.</summary>
public sealed class WriteCancelMarker(PipelineStorage storage, ILogger<WriteCancelMarker> logger) : TaskActivity<CancelMarkerInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CancelMarkerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await CancelMarkers.WriteAsync(storage.Jobs, input.JobId, input.Reason, input.RequestedAt);
        logger.LogInformation("Job {JobId}: cancel marker written", input.JobId);
        return true;
    }
}

using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Activities;

/// <summary>
/// Moves <c>models/{model}/current.json</c> through the promotion gate with an ETag-conditional write
/// (If-Match on the version read, If-None-Match: * when there was none); a lost race re-reads and decides again.
/// The decision is written with the pointer, so current.json always says why its version serves.
/// </summary>
public sealed class CurrentModelStore(ILogger<CurrentModelStore> logger)
{
    private const int MaxConflicts = 20;

    public static async Task<CurrentModelDocument?> ReadAsync(BlobClient pointer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return await pointer.DownloadTextOrNullAsync(cancellationToken) is { } found ? Parse(pointer, found.Text) : null;
    }

    /// <param name="pointer">The model's current.json.</param>
    /// <param name="candidate">The version to make current.</param>
    /// <param name="gate">The promotion gate's settings.</param>
    /// <param name="reason">A person's reason for the change, recorded with the gate's (null for the pipeline's own promotion).</param>
    /// <param name="overrideGate">Make the version current even where the gate refuses it; needs a <paramref name="reason"/>.</param>
    /// <param name="cancellationToken">Cancels the reads and the write.</param>
    /// <returns>The decision, the version current before it, and the pointer in force after it (null when there is none).</returns>
    public async Task<(PromotionDecision Decision, string? PreviousVersion, CurrentModelDocument? Current)> PromoteAsync(
        BlobClient pointer, CurrentModelDocument candidate, PromotionGate gate, string? reason = null, bool overrideGate = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(candidate);
        for (var conflict = 0; ; conflict++)
        {
            var found = await pointer.DownloadTextOrNullAsync(cancellationToken);
            var current = found is { } f ? Parse(pointer, f.Text) : null;
            var decision = PromotionPolicy.Decide(candidate.Version, candidate.MacroF1, current, gate);
            if (!decision.Promote && overrideGate && reason is not null)
            {
                decision = new PromotionDecision(true, $"overridden: {reason} (the gate said: {decision.Reason})", Overridden: true);
            }
            else if (decision.Promote && !decision.AlreadyCurrent && reason is not null)
            {
                // The gate agreed; the person's reason is kept with its decision all the same.
                decision = decision with { Reason = $"{reason} (the gate said: {decision.Reason})" };
            }

            if (!decision.Promote || decision.AlreadyCurrent)
            {
                return (decision, current?.Version, current);
            }

            var conditions = found is { } existing
                ? new BlobRequestConditions { IfMatch = existing.ETag }
                : new BlobRequestConditions { IfNoneMatch = ETag.All };
            var written = candidate with { Reason = decision.Reason, Overridden = decision.Overridden ? true : null };
            try
            {
                await pointer.UploadAsync(
                    BinaryData.FromBytes(written.ToUtf8Json()),
                    new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = BlobJson.JsonContentType } },
                    cancellationToken);
                return (decision, current?.Version, written);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 409 && conflict < MaxConflicts)
            {
                logger.LogInformation("Job {JobId}: {Pointer} changed while promoting version {Version} ({Status}); reading it again",
                    candidate.JobId, pointer.Name, candidate.Version, e.Status);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * (conflict + 1)), cancellationToken);
            }
        }
    }

    private static CurrentModelDocument Parse(BlobClient pointer, string text) =>
        CurrentModelDocument.Parse(System.Text.Encoding.UTF8.GetBytes(text), $"{pointer.BlobContainerName}/{pointer.Name}");
}

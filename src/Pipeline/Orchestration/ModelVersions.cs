namespace Platform.Pipeline.Orchestration;

/// <summary>A version name derived from the job id only, so a replay or a re-run publishes to the same folder.</summary>
public static class ModelVersions
{
    /// <summary>The job id without its <c>{model}-</c> prefix (the content hash), or the whole job id.</summary>
    public static string FromJobId(string model, string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var prefix = model + "-";
        return jobId.Length > prefix.Length && jobId.StartsWith(prefix, StringComparison.Ordinal) ? jobId[prefix.Length..] : jobId;
    }
}

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>A validated start-job request and the id its job has (or will have).</summary>
public sealed record ResolvedJob(StartJobRequest Request, string JobId);

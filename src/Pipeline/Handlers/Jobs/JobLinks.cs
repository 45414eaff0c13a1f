namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Where to poll a job and how to cancel it.</summary>
public sealed record JobLinks(string Self, string Cancel)
{
    public static JobLinks For(string jobId) => new(Routes.Job(jobId), Routes.CancelJob(jobId));
}

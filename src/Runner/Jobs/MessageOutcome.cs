namespace Platform.Runner.Jobs;

/// <summary>How a <c>training-jobs</c> message was settled.</summary>
internal enum MessageOutcome
{
    Completed,
    DeadLettered,
    Abandoned,
}

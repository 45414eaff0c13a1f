namespace Platform.Shared.Jobs;

/// <summary>How a training attempt ended.</summary>
public enum TrainingOutcome
{
    Succeeded,
    Failed,
    Cancelled,
}

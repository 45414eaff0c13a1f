using Platform.Shared.Jobs;

namespace Platform.Pipeline.Activities;

/// <summary>The message to put on <c>training-jobs</c>; its <see cref="TrainingJobRequested.MessageId"/> makes a re-send a duplicate.</summary>
public sealed record DispatchTrainingInput(TrainingJobRequested Request);

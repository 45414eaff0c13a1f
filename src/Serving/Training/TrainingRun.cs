namespace Platform.Modeling.Training;

/// <summary>
/// One run of a training job: where it started and ended and how long it trained. A job that resumed from checkpoints
/// has one run per start; an interrupted run counts up to its last checkpoint (what came after was trained again).
/// </summary>
/// <param name="StartStep">The optimizer step it started from (0, or the checkpoint it resumed).</param>
/// <param name="EndStep">The step it reached (for an interrupted run: its last checkpoint).</param>
/// <param name="Seconds">Wall-clock seconds of training in this run.</param>
/// <param name="StartedAt">When the run started.</param>
public sealed record TrainingRun(int StartStep, int EndStep, double Seconds, DateTimeOffset StartedAt);

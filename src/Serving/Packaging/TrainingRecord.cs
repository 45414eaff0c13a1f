using Platform.Shared.Training;
using Platform.Modeling.Training;

namespace Platform.Modeling.Packaging;

/// <summary>
/// Content of <c>training.json</c>: everything needed to reproduce or audit the run. <see cref="TrainingSeconds"/> is the
/// total over every run of a job that resumed; <see cref="Runs"/> lists them (start and end step, seconds, start time);
/// <see cref="Choices"/> says what the platform chose for the run's automatic settings, and why; <see cref="Losses"/> is
/// the training-loss curve (the mean loss every few optimizer steps, at most 200 points), <see cref="History"/> each evaluation.
/// </summary>
public sealed record TrainingRecord(
    string BaseModel,
    TrainingOptions Hyperparameters,
    string DatasetSha256,
    int TrainExamples,
    int ValidationExamples,
    int TestExamples,
    int Steps,
    int BestStep,
    double BestValidationMacroF1,
    bool StoppedEarly,
    double TrainingSeconds,
    double SequencesPerSecond,
    IReadOnlyList<EvaluationRecord> History,
    IReadOnlyDictionary<string, string> Versions,
    DateTimeOffset TrainedAt,
    IReadOnlyList<TrainingRun>? Runs = null,
    IReadOnlyList<ChosenSetting>? Choices = null,
    IReadOnlyList<StepValue>? Losses = null);

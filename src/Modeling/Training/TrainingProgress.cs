using Platform.Shared.Training;

namespace Platform.Modeling.Training;

/// <summary>
/// A progress report from the trainer, at each optimizer step and after each evaluation; <see cref="Losses"/> and
/// <see cref="History"/> are the curves so far (the mean training loss every few steps, each evaluation).
/// </summary>
public sealed record TrainingProgress(
    string Phase,
    int Epoch,
    int Epochs,
    int Step,
    int TotalSteps,
    double Loss,
    double LearningRate,
    double SequencesPerSecond,
    TimeSpan? Eta,
    double? ValidationMacroF1,
    double? BestValidationMacroF1,
    IReadOnlyList<StepValue>? Losses = null,
    IReadOnlyList<EvaluationRecord>? History = null)
{
    public double Fraction => TotalSteps == 0 ? 0 : Math.Clamp((double)Step / TotalSteps, 0, 1);
}

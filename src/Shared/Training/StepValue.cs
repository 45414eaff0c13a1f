namespace Platform.Shared.Training;

/// <summary>One point of a training curve: a value (training loss, validation macro-F1) at an optimizer step.</summary>
public sealed record StepValue(int Step, double Value);

namespace Platform.Modeling.Evaluation;

/// <summary>Precision, recall, F1 and support (number of actual members) of one class or label.</summary>
public sealed record ClassScores(string Label, double Precision, double Recall, double F1, int Support);

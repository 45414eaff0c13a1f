namespace Platform.Modeling.Evaluation;

/// <summary>Precision, recall and F1 averaged over classes or labels in one way (macro, micro or weighted).</summary>
public sealed record AveragedScores(double Precision, double Recall, double F1);

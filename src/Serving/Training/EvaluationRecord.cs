namespace Platform.Modeling.Training;

/// <summary>One validation pass during training.</summary>
public sealed record EvaluationRecord(int Step, int Epoch, double TrainLoss, double MacroF1, double Accuracy);

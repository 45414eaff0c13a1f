namespace Platform.Modeling.Training;

/// <summary>How a run ended: the best validation score (whose weights the model now holds) and the history.</summary>
public sealed record TrainingResult(
    int Steps,
    int BestStep,
    double BestMacroF1,
    bool StoppedEarly,
    bool Resumed,
    TimeSpan Elapsed,
    double SequencesPerSecond,
    IReadOnlyList<EvaluationRecord> History,
    IReadOnlyList<float>? Thresholds);

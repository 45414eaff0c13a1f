using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Tests.Evaluation;

/// <summary>Compares averaged scores to a number of decimal places.</summary>
internal sealed class AveragedScoresComparer(int digits) : IEqualityComparer<AveragedScores>
{
    public bool Equals(AveragedScores? x, AveragedScores? y) =>
        x is not null && y is not null
        && Math.Round(x.Precision - y.Precision, digits) == 0
        && Math.Round(x.Recall - y.Recall, digits) == 0
        && Math.Round(x.F1 - y.F1, digits) == 0;

    public int GetHashCode(AveragedScores obj) => 0;
}

namespace Platform.Modeling.Tests.Evaluation;

/// <summary>A hand-checked three-class example shared by the metric, formatter and JSON tests.</summary>
/// <remarks>
/// Confusion matrix [actual][predicted]:
///        A  B  C   support
///   A    2  1  0   3
///   B    1  1  0   2
///   C    1  1  3   5
///   pred 4  3  3   10
/// </remarks>
internal static class ThreeClassExample
{
    public static readonly string[] Labels = ["A", "B", "C"];

    public static readonly int[] Actual = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];

    public static readonly int[] Predicted = [0, 0, 1, 0, 1, 0, 1, 2, 2, 2];
}

using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Tests.Evaluation;

public sealed class MultiLabelMetricsTests
{
    private const int Precision = 12;
    private static readonly string[] Labels = ["x", "y", "z"];
    private static readonly float[] Halves = [0.5f, 0.5f, 0.5f];

    // At threshold 0.5 (inclusive), the predictions and their errors are:
    //   sample  actual    probabilities    predicted  wrong cells
    //   0       T F T     0.9 0.2 0.7      T F T      0
    //   1       T T F     0.6 0.4 0.1      T F F      1 (y missed)
    //   2       F F T     0.3 0.8 0.5      F T T      1 (y false alarm; z at exactly 0.5 counts)
    //   3       F T F     0.5 0.9 0.2      T T F      1 (x false alarm)
    private static readonly bool[][] Actual =
    [
        [true, false, true],
        [true, true, false],
        [false, false, true],
        [false, true, false],
    ];

    private static readonly float[][] Probabilities =
    [
        [0.9f, 0.2f, 0.7f],
        [0.6f, 0.4f, 0.1f],
        [0.3f, 0.8f, 0.5f],
        [0.5f, 0.9f, 0.2f],
    ];

    [Fact]
    public void Compute_HandExample_SubsetAccuracyAndHammingLossMatchHandCount()
    {
        var report = MultiLabelMetrics.Compute(Actual, Probabilities, Halves, Labels);

        // Only sample 0 is exactly right: 1/4. Wrong cells 3 of 4·3 = 12: 1/4.
        Assert.Equal(0.25, report.SubsetAccuracy, Precision);
        Assert.Equal(0.25, report.HammingLoss, Precision);
        Assert.Equal(4, report.Count);
        Assert.Equal(Halves, report.Thresholds);
    }

    [Fact]
    public void Compute_HandExample_PerLabelScoresMatchHandArithmetic()
    {
        var report = MultiLabelMetrics.Compute(Actual, Probabilities, Halves, Labels);

        // x: TP 2, FP 1, FN 0 -> P 2/3, R 1, F1 4/5.
        AssertScores(report.PerLabel[0], "x", 2.0 / 3, 1, 0.8, 2);
        // y: TP 1, FP 1, FN 1 -> P 1/2, R 1/2, F1 1/2.
        AssertScores(report.PerLabel[1], "y", 0.5, 0.5, 0.5, 2);
        // z: TP 2, FP 0, FN 0 -> all 1.
        AssertScores(report.PerLabel[2], "z", 1, 1, 1, 2);
    }

    [Fact]
    public void Compute_HandExample_MicroAndMacroMatchScikitLearn()
    {
        var report = MultiLabelMetrics.Compute(Actual, Probabilities, Halves, Labels);

        // Micro pools TP 5, FP 2, FN 1: P 5/7, R 5/6, F1 10/13.
        Assert.Equal(5.0 / 7, report.Micro.Precision, Precision);
        Assert.Equal(5.0 / 6, report.Micro.Recall, Precision);
        Assert.Equal(10.0 / 13, report.MicroF1, Precision);
        Assert.Equal(report.Micro.F1, report.MicroF1);
        // Macro: P (2/3 + 1/2 + 1) / 3 = 13/18, R (1 + 1/2 + 1) / 3 = 5/6, F1 (0.8 + 0.5 + 1) / 3 = 2.3/3.
        Assert.Equal(13.0 / 18, report.Macro.Precision, Precision);
        Assert.Equal(5.0 / 6, report.Macro.Recall, Precision);
        Assert.Equal(2.3 / 3, report.MacroF1, Precision);
        Assert.Equal(report.Macro.F1, report.MacroF1);
    }

    [Fact]
    public void Compute_LabelNeverPresentNorPredicted_ScoresZeroAndDragsMacroDown()
    {
        var report = MultiLabelMetrics.Compute([[true, false]], [[0.9f, 0.1f]], [0.5f, 0.5f], ["a", "b"]);

        // a: F1 1; b: 0/0 everywhere -> 0. Macro F1 (1 + 0) / 2, micro F1 1 (TP 1, nothing else).
        AssertScores(report.PerLabel[1], "b", 0, 0, 0, 0);
        Assert.Equal(0.5, report.MacroF1, Precision);
        Assert.Equal(1, report.MicroF1, Precision);
        Assert.Equal(1, report.SubsetAccuracy);
        Assert.Equal(0, report.HammingLoss);
    }

    [Fact]
    public void Compute_NoSamples_ReturnsZerosRatherThanNaN()
    {
        var report = MultiLabelMetrics.Compute([], [], Halves, Labels);

        Assert.Equal(0, report.SubsetAccuracy);
        Assert.Equal(0, report.HammingLoss);
        Assert.Equal(0, report.MicroF1);
        Assert.Equal(0, report.MacroF1);
    }

    [Fact]
    public void Compute_RowOfWrongWidth_ThrowsNamingTheSample()
    {
        var error = Assert.Throws<ArgumentException>(
            () => MultiLabelMetrics.Compute([[true, false, true], [true]], [[0.1f, 0.2f, 0.3f], [0.1f]], Halves, Labels));

        Assert.Contains("Sample 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ThresholdCountDiffersFromLabels_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => MultiLabelMetrics.Compute(Actual, Probabilities, [0.5f], Labels));
    }

    private static void AssertScores(ClassScores scores, string label, double precision, double recall, double f1, int support)
    {
        Assert.Equal(label, scores.Label);
        Assert.Equal(precision, scores.Precision, Precision);
        Assert.Equal(recall, scores.Recall, Precision);
        Assert.Equal(f1, scores.F1, Precision);
        Assert.Equal(support, scores.Support);
    }
}

using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Tests.Evaluation;

public sealed class SingleLabelMetricsTests
{
    private const int Precision = 12;

    [Fact]
    public void Compute_ThreeClassExample_BuildsConfusionMatrixActualByPredicted()
    {
        var report = SingleLabelMetrics.Compute(ThreeClassExample.Actual, ThreeClassExample.Predicted, ThreeClassExample.Labels);

        Assert.Equal([2, 1, 0], report.ConfusionMatrix[0]);
        Assert.Equal([1, 1, 0], report.ConfusionMatrix[1]);
        Assert.Equal([1, 1, 3], report.ConfusionMatrix[2]);
        Assert.Equal(10, report.Count);
        Assert.Equal(ThreeClassExample.Labels, report.Labels);
    }

    [Fact]
    public void Compute_ThreeClassExample_PerClassScoresMatchHandArithmetic()
    {
        var report = SingleLabelMetrics.Compute(ThreeClassExample.Actual, ThreeClassExample.Predicted, ThreeClassExample.Labels);

        // F1 = 2TP / (predicted + support).
        // A: TP 2, predicted 4, support 3 -> P 2/4, R 2/3, F1 4/7.
        AssertScores(report.PerClass[0], "A", 0.5, 2.0 / 3, 4.0 / 7, 3);
        // B: TP 1, predicted 3, support 2 -> P 1/3, R 1/2, F1 2/5.
        AssertScores(report.PerClass[1], "B", 1.0 / 3, 0.5, 0.4, 2);
        // C: TP 3, predicted 3, support 5 -> P 1, R 3/5, F1 6/8.
        AssertScores(report.PerClass[2], "C", 1.0, 0.6, 0.75, 5);
    }

    [Fact]
    public void Compute_ThreeClassExample_AveragesMatchScikitLearn()
    {
        var report = SingleLabelMetrics.Compute(ThreeClassExample.Actual, ThreeClassExample.Predicted, ThreeClassExample.Labels);

        // Accuracy: diagonal 2 + 1 + 3 = 6 of 10.
        Assert.Equal(0.6, report.Accuracy, Precision);
        // Macro P = (1/2 + 1/3 + 1) / 3 = 11/18; R = (2/3 + 1/2 + 3/5) / 3 = 53/90; F1 = (4/7 + 2/5 + 3/4) / 3 = 241/420.
        Assert.Equal(11.0 / 18, report.Macro.Precision, Precision);
        Assert.Equal(53.0 / 90, report.Macro.Recall, Precision);
        Assert.Equal(241.0 / 420, report.Macro.F1, Precision);
        // Weighted P = (3·1/2 + 2·1/3 + 5·1) / 10 = 43/60; R = (2 + 1 + 3) / 10 = accuracy;
        // F1 = (3·4/7 + 2·2/5 + 5·3/4) / 10 = (240 + 112 + 525) / 1400 = 877/1400.
        Assert.Equal(43.0 / 60, report.Weighted.Precision, Precision);
        Assert.Equal(0.6, report.Weighted.Recall, Precision);
        Assert.Equal(877.0 / 1400, report.Weighted.F1, Precision);
        // Single-label micro averages all equal the accuracy.
        Assert.Equal(new AveragedScores(0.6, 0.6, 0.6), report.Micro, new AveragedScoresComparer(Precision));
    }

    [Fact]
    public void Compute_ClassNeverPredictedOrPresent_ScoresZeroInsteadOfDividingByZero()
    {
        // Actual [A, A, B], predicted [A, A, A]; C never occurs.
        var report = SingleLabelMetrics.Compute([0, 0, 1], [0, 0, 0], ThreeClassExample.Labels);

        // A: TP 2, predicted 3, support 2 -> P 2/3, R 1, F1 4/5.
        AssertScores(report.PerClass[0], "A", 2.0 / 3, 1.0, 0.8, 2);
        // B: never predicted -> P 0/0 = 0, R 0/1 = 0, F1 0.
        AssertScores(report.PerClass[1], "B", 0, 0, 0, 1);
        // C: no support and never predicted -> all 0/0 = 0.
        AssertScores(report.PerClass[2], "C", 0, 0, 0, 0);
        // Macro counts C too (as scikit-learn with labels=[0, 1, 2]): F1 = 0.8 / 3. Weighted F1 = (2·0.8) / 3.
        Assert.Equal(0.8 / 3, report.Macro.F1, Precision);
        Assert.Equal(1.6 / 3, report.Weighted.F1, Precision);
        Assert.Equal(2.0 / 3, report.Accuracy, Precision);
    }

    [Fact]
    public void Compute_NoSamples_ReturnsZerosRatherThanNaN()
    {
        var report = SingleLabelMetrics.Compute([], [], ThreeClassExample.Labels);

        Assert.Equal(0, report.Accuracy);
        Assert.Equal(new AveragedScores(0, 0, 0), report.Macro);
        Assert.Equal(new AveragedScores(0, 0, 0), report.Micro);
        Assert.Equal(new AveragedScores(0, 0, 0), report.Weighted);
        Assert.All(report.ConfusionMatrix, row => Assert.Equal([0, 0, 0], row));
    }

    [Fact]
    public void Compute_PerfectPredictions_ScoresOne()
    {
        var report = SingleLabelMetrics.Compute(ThreeClassExample.Actual, ThreeClassExample.Actual, ThreeClassExample.Labels);

        Assert.Equal(1, report.Accuracy);
        Assert.Equal(new AveragedScores(1, 1, 1), report.Macro);
        Assert.Equal(new AveragedScores(1, 1, 1), report.Weighted);
    }

    [Fact]
    public void Compute_DifferentLengths_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => SingleLabelMetrics.Compute([0, 1], [0], ThreeClassExample.Labels));
    }

    [Fact]
    public void Compute_ClassOutsideLabels_ThrowsWithSampleIndex()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SingleLabelMetrics.Compute([0, 1], [0, 3], ThreeClassExample.Labels));

        Assert.Contains("Sample 1 has class 3", error.Message, StringComparison.Ordinal);
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

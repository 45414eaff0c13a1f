using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Tests.Evaluation;

public sealed class ReportFormatterTests
{
    [Fact]
    public void Format_ClassificationReport_MatchesScikitLearnLayout()
    {
        var report = SingleLabelMetrics.Compute(ThreeClassExample.Actual, ThreeClassExample.Predicted, ThreeClassExample.Labels);

        var text = ReportFormatter.Format(report);

        // The output of sklearn.metrics.classification_report(y_true, y_pred, target_names=["A", "B", "C"]).
        string[] expected =
        [
            "              precision    recall  f1-score   support",
            "",
            "           A       0.50      0.67      0.57         3",
            "           B       0.33      0.50      0.40         2",
            "           C       1.00      0.60      0.75         5",
            "",
            "    accuracy                           0.60        10",
            "   macro avg       0.61      0.59      0.57        10",
            "weighted avg       0.72      0.60      0.63        10",
        ];
        Assert.Equal(string.Join('\n', expected) + "\n", text);
    }

    [Fact]
    public void Format_MoreDigits_WidensScores()
    {
        var report = SingleLabelMetrics.Compute(ThreeClassExample.Actual, ThreeClassExample.Predicted, ThreeClassExample.Labels);

        var text = ReportFormatter.Format(report, digits: 4);

        // Macro F1 241/420 = 0.573809...
        Assert.Contains("   macro avg     0.6111    0.5889    0.5738        10\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatConfusionMatrix_ThreeClassExample_RowsAreActualColumnsArePredicted()
    {
        var report = SingleLabelMetrics.Compute(ThreeClassExample.Actual, ThreeClassExample.Predicted, ThreeClassExample.Labels);

        var text = ReportFormatter.FormatConfusionMatrix(report);

        string[] expected =
        [
            @"actual \ predicted  A  B  C",
            "A                   2  1  0",
            "B                   1  1  0",
            "C                   1  1  3",
        ];
        Assert.Equal(string.Join('\n', expected) + "\n", text);
    }

    [Fact]
    public void Format_MultiLabelReport_ListsLabelsWithThresholdsAndSummaryLines()
    {
        var report = MultiLabelMetrics.Compute(
            [[true, false], [false, true]], [[0.9f, 0.2f], [0.1f, 0.3f]], [0.5f, 0.15f], ["toxic", "spam"]);

        var text = ReportFormatter.Format(report);

        Assert.Contains(
            "              precision    recall  f1-score   support threshold\n", text, StringComparison.Ordinal);
        Assert.Contains("       toxic       1.00      1.00      1.00         1      0.50\n", text, StringComparison.Ordinal);
        // spam: both samples at or above 0.15 -> TP 1, FP 1: P 0.5, R 1, F1 2/3.
        Assert.Contains("        spam       0.50      1.00      0.67         1      0.15\n", text, StringComparison.Ordinal);
        Assert.Contains("   micro avg       0.67      1.00      0.80         2\n", text, StringComparison.Ordinal);
        Assert.Contains("subset accuracy: 0.50\n", text, StringComparison.Ordinal);
        Assert.Contains("hamming loss: 0.25\n", text, StringComparison.Ordinal);
    }
}

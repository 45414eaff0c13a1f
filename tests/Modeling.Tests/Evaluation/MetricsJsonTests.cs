using System.Text.Json;
using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Tests.Evaluation;

public sealed class MetricsJsonTests
{
    [Fact]
    public void Serialize_ClassificationReport_UsesCamelCaseAndRoundTrips()
    {
        var report = SingleLabelMetrics.Compute(ThreeClassExample.Actual, ThreeClassExample.Predicted, ThreeClassExample.Labels);

        var json = MetricsJson.Serialize(report);
        var back = MetricsJson.Deserialize<ClassificationReport>(json);

        Assert.Contains("\"confusionMatrix\"", json, StringComparison.Ordinal);
        Assert.Contains("\"perClass\"", json, StringComparison.Ordinal);
        Assert.Contains("\"f1\"", json, StringComparison.Ordinal);
        Assert.Equal(report.Accuracy, back.Accuracy);
        Assert.Equal(report.Macro, back.Macro);
        Assert.Equal(report.Weighted, back.Weighted);
        Assert.Equal(report.PerClass, back.PerClass);
        Assert.Equal(report.ConfusionMatrix, back.ConfusionMatrix);
        Assert.Equal(report.Labels, back.Labels);
    }

    [Fact]
    public void Serialize_MultiLabelReport_RoundTrips()
    {
        var report = MultiLabelMetrics.Compute([[true, false]], [[0.9f, 0.1f]], [0.5f, 0.5f], ["a", "b"]);

        var back = MetricsJson.Deserialize<MultiLabelReport>(MetricsJson.Serialize(report));

        Assert.Equal(report.PerLabel, back.PerLabel);
        Assert.Equal(report.Thresholds, back.Thresholds);
        Assert.Equal(report.HammingLoss, back.HammingLoss);
    }

    [Fact]
    public void From_SingleLabelReport_WritesAccuracyAndOmitsMultiLabelFields()
    {
        var report = SingleLabelMetrics.Compute(ThreeClassExample.Actual, ThreeClassExample.Predicted, ThreeClassExample.Labels);

        var summary = MetricsSummary.From(report);
        var json = MetricsJson.Serialize(summary);

        Assert.Equal(new MetricsSummary("single-label", 10, report.Macro.F1, 0.6, report.Weighted.F1, Accuracy: 0.6), summary);
        Assert.Contains("\"macroF1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"accuracy\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hammingLoss", json, StringComparison.Ordinal);
        Assert.Equal(summary, MetricsJson.Deserialize<MetricsSummary>(json));
    }

    [Fact]
    public void From_MultiLabelReport_WritesSubsetAccuracyAndHammingLoss()
    {
        var report = MultiLabelMetrics.Compute([[true, false], [true, true]], [[0.9f, 0.1f], [0.8f, 0.2f]], [0.5f, 0.5f], ["a", "b"]);

        var summary = MetricsSummary.From(report);

        // a: F1 1 (support 2); b: F1 0 (support 1). Weighted F1 = 2/3; subset accuracy 1/2; Hamming loss 1/4.
        Assert.Equal("multi-label", summary.Task);
        Assert.Equal(2.0 / 3, summary.WeightedF1, 12);
        Assert.Equal(0.5, summary.SubsetAccuracy);
        Assert.Equal(0.25, summary.HammingLoss);
        Assert.Null(summary.Accuracy);
    }

    [Fact]
    public void Deserialize_NullDocument_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => MetricsJson.Deserialize<MetricsSummary>("null"));
    }
}

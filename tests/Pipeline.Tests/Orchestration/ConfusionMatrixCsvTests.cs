using Platform.Modeling.Evaluation;
using Platform.Pipeline.Activities;

namespace Platform.Pipeline.Tests.Orchestration;

public sealed class ConfusionMatrixCsvTests
{
    [Fact]
    public void ConfusionCsv_LabelsFromTheUploadThatASpreadsheetWouldRun_AreWrittenAsText()
    {
        // The labels of tests/Shared.Tests/data/bad/formula-labels.csv.
        string[] labels = ["+1", "-1", "=HYPERLINK(\"http://example.com/x\",\"click\")", "@SUM(1+1)", "plain"];
        var report = SingleLabelMetrics.Compute([0, 1, 2, 3, 4, 4], [0, 1, 2, 3, 4, 2], labels);

        var lines = EvaluationScorer.ConfusionCsv(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("actual\\predicted,'+1,'-1,\"'=HYPERLINK(\"\"http://example.com/x\"\",\"\"click\"\")\",'@SUM(1+1),plain", lines[0]);
        Assert.Equal(["'+1", "'-1", "\"'=HYPERLINK(", "'@SUM(1+1)", "plain"], lines.Skip(1).Select(l => l.StartsWith('"') ? l[..13] : l[..l.IndexOf(',', StringComparison.Ordinal)]));
        Assert.EndsWith(",0,0,1,0,1", lines[5], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.DoesNotMatch("(^|,)[=+@-]", line));
    }
}

using Platform.Shared.Datasets;

namespace Platform.Shared.Tests.Datasets;

/// <summary>Real uploads: samples of the platform's development datasets (see data/README.md).</summary>
public sealed class SampleDatasetTests
{
    [Fact]
    public void Read_Sst2Sample_AcceptsEveryRowWithExactDistribution()
    {
        var result = DatasetReader.Read(TestCsv.DataPath("sst2-sample.csv"), new DatasetOptions(), t => t.Split(' ').Length);
        var dataset = TestCsv.Accepted(result);

        Assert.False(dataset.IsMultiLabel);
        Assert.Equal(["negative", "positive"], dataset.Labels);
        Assert.Equal(2000, result.Report.RowsRead);
        Assert.Equal(2000, result.Report.RowsKept);
        Assert.Empty(result.Report.DropReasons);
        Assert.Equal(899, result.Report.LabelDistribution["negative"]);
        Assert.Equal(1101, result.Report.LabelDistribution["positive"]);
        Assert.Equal(new LabeledExample("hide new secretions from the parental units", dataset.Examples[0].Labels, 2), dataset.Examples[0]);
        Assert.Equal("contains no wit , only labored gags", dataset.Examples[1].Text);
        Assert.Equal(2001, dataset.Examples[^1].Line);
        Assert.Equal(0, result.Report.TextsLongerThanMaxTokens!.Count);
    }

    [Fact]
    public void Split_Sst2Sample_IsStratifiedAndDisjoint()
    {
        var dataset = TestCsv.Accepted(DatasetReader.Read(TestCsv.DataPath("sst2-sample.csv"), new DatasetOptions()));

        var splits = DatasetSplitter.Split(dataset, new SplitOptions());

        Assert.Equal(1600, splits.Train.Examples.Count);
        Assert.Equal(200, splits.Validation.Examples.Count);
        Assert.Equal(200, splits.Test.Examples.Count);
        Assert.Equal(90, splits.Validation.Examples.Count(e => e.Labels[0] == "negative"));
        Assert.Equal(110, splits.Test.Examples.Count(e => e.Labels[0] == "positive"));
        var train = splits.Train.Examples.Select(e => e.Text).ToHashSet();
        Assert.DoesNotContain(splits.Test.Examples, e => train.Contains(e.Text));
        Assert.DoesNotContain(splits.Validation.Examples, e => train.Contains(e.Text));
    }

    [Fact]
    public void Read_GoEmotionsSample_ReadsMultiLabelRows()
    {
        var result = DatasetReader.Read(TestCsv.DataPath("goemotions-ekman-sample.csv"), new DatasetOptions());
        var dataset = TestCsv.Accepted(result);

        Assert.True(dataset.IsMultiLabel);
        Assert.Equal(["anger", "disgust", "fear", "joy", "neutral", "sadness", "surprise"], dataset.Labels);
        Assert.Equal(400, result.Report.RowsKept);
        Assert.Equal(144, result.Report.LabelDistribution["neutral"]);
        Assert.Equal(6, result.Report.LabelDistribution["disgust"]);
        Assert.Equal(["fear"], dataset.Examples[3].Labels);
        Assert.Contains(dataset.Examples, e => e.Labels.Count == 3);
        Assert.Empty(result.Report.RareClasses);
    }

    [Fact]
    public void Split_GoEmotionsSample_PutsEveryLabelInEverySplit()
    {
        var dataset = TestCsv.Accepted(DatasetReader.Read(TestCsv.DataPath("goemotions-ekman-sample.csv"), new DatasetOptions()));

        var splits = DatasetSplitter.Split(dataset, new SplitOptions());

        foreach (var split in new[] { splits.Train, splits.Validation, splits.Test })
        {
            Assert.Equal(dataset.Labels, split.Examples.SelectMany(e => e.Labels).Distinct().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Read_ChnSentiCorpSample_ReadsChineseTexts()
    {
        var result = DatasetReader.Read(TestCsv.DataPath("chnsenticorp-sample.csv"), new DatasetOptions(), t => t.Length);
        var dataset = TestCsv.Accepted(result);

        Assert.Equal(["正面", "负面"], dataset.Labels);
        Assert.Equal(300, result.Report.RowsKept);
        Assert.Equal(190, result.Report.LabelDistribution["正面"]);
        Assert.StartsWith("总体来说我对这个酒店十分失望", dataset.Examples[0].Text);
        Assert.True(result.Report.TextsLongerThanMaxTokens!.Count > 0);
    }
}

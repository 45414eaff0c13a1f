using System.Text.Json;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Shared.Tests.Datasets;

public sealed class DatasetOptionRulesTests
{
    [Fact]
    public void Check_Defaults_FindsNothing() => Assert.Empty(DatasetOptionRules.Check(new DatasetOptions()));

    [Fact]
    public void Check_OneRow_NamesTheOptionAsJsonDoes() =>
        Assert.Equal(new OptionProblem("minRows", "minRows must be at least 2 (got 1)."), Assert.Single(DatasetOptionRules.Check(new DatasetOptions { MinRows = 1 })));

    [Fact]
    public void Check_EveryRuleBroken_NamesEachOptionInPropertyOrder()
    {
        var options = new DatasetOptions
        {
            TextColumn = " ", LabelColumn = "", LabelsColumn = "\t", LabelSeparator = '"', Delimiter = 'x', MinRows = 0, RareClassThreshold = -1, MaxTokens = 513, MaxFieldChars = 0,
        };

        var problems = DatasetOptionRules.Check(options);

        // MultiLabel (null = auto) and FoldLabelCase take any value; every other option has a rule, and each message starts with its option.
        var names = typeof(DatasetOptions).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Where(n => n is not "multiLabel" and not "foldLabelCase");
        Assert.Equal(names, problems.Select(p => p.Option));
        Assert.All(problems, p => Assert.StartsWith(p.Option + " must ", p.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(' ')]
    [InlineData('\0')]
    [InlineData('"')]
    public void Check_InvisibleOrQuoteSeparator_IsRejected(char separator) =>
        Assert.Equal("labelSeparator", Assert.Single(DatasetOptionRules.Check(new DatasetOptions { LabelSeparator = separator })).Option);

    [Fact]
    public void Check_DelimiterEqualToTheLabelSeparator_IsRejectedNamingBoth()
    {
        var problem = Assert.Single(DatasetOptionRules.Check(new DatasetOptions { Delimiter = ';' }));

        Assert.Equal("delimiter", problem.Option);
        Assert.Contains("labelSeparator (';')", problem.Message, StringComparison.Ordinal);
    }
}

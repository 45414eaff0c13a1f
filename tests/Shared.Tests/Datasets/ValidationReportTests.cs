using System.Text.Json;
using Platform.Shared.Datasets;

namespace Platform.Shared.Tests.Datasets;

public sealed class ValidationReportTests
{
    private static ValidationReport SampleReport() =>
        TestCsv.Read("text,label\n" + TestCsv.Rows(30) + ",positive\nodd,neutral\n", countTokens: t => t.Length).Report;

    [Fact]
    public void ToJson_AcceptedReport_UsesCamelCaseAndKeepsLabelKeys()
    {
        using var json = JsonDocument.Parse(SampleReport().ToJson());
        var root = json.RootElement;

        Assert.Equal(32, root.GetProperty("rowsRead").GetInt32());
        Assert.Equal(31, root.GetProperty("rowsKept").GetInt32());
        Assert.Equal(1, root.GetProperty("rowsDropped").GetInt32());
        Assert.Equal(32, root.GetProperty("dropReasons").GetProperty("empty_text").GetProperty("lines")[0].GetInt32());
        Assert.Equal(15, root.GetProperty("labelDistribution").GetProperty("negative").GetInt32());
        Assert.Equal("neutral", root.GetProperty("rareClasses")[0].GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        Assert.False(root.GetProperty("isMultiLabel").GetBoolean());
        Assert.Equal("text", root.GetProperty("columnsFound")[0].GetString());
        Assert.Equal(128, root.GetProperty("textsLongerThanMaxTokens").GetProperty("maxTokens").GetInt32());
    }

    [Fact]
    public void ToJson_RejectedReport_CarriesTheError()
    {
        var report = TestCsv.Read("text,label\n").Report;

        using var json = JsonDocument.Parse(report.ToJson());
        var error = json.RootElement.GetProperty("error");

        Assert.Equal("no_data_rows", error.GetProperty("code").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public void FromJson_OfToJson_RoundTrips()
    {
        var report = SampleReport();

        var copy = ValidationReport.FromJson(report.ToJson());

        Assert.Equal(report.ToJson(), copy.ToJson());
        Assert.Equal(report.RowsKept, copy.RowsKept);
        Assert.Equal(report.DropReasons["empty_text"].Lines, copy.DropReasons["empty_text"].Lines);
    }

    [Fact]
    public void ToText_AcceptedReport_SummarisesRowsLabelsAndDrops()
    {
        var text = SampleReport().ToText();

        Assert.StartsWith("Dataset accepted (single-label).", text);
        Assert.Contains("Rows: 32 read, 31 kept, 1 dropped", text);
        Assert.Contains("empty_text: 1 (the text cell is empty) lines 32", text);
        Assert.Contains("neutral", text);
        Assert.Contains("Rare classes: neutral (1)", text);
        Assert.Contains("Warnings:", text);
    }

    [Fact]
    public void ToText_RejectedReport_StartsWithCodeLineAndMessage()
    {
        var text = TestCsv.Read("sentence,label\nx,y\n").Report.ToText();

        Assert.StartsWith("Dataset REJECTED [missing_columns] at line 1:", text);
        Assert.Contains("Columns found: 'sentence', 'label'", text);
    }
}

using Platform.Shared.Scoring;

namespace Platform.Shared.Tests.Scoring;

public sealed class ScoringCsvWriterTests
{
    [Fact]
    public void WriteHeader_SingleLabel_AddsLabelAndAScoreColumnPerLabel()
    {
        using var output = new StringWriter();

        ScoringCsvWriter.WriteHeader(output, ["id", "text"], ["negative", "positive"], multiLabel: false);

        Assert.Equal("id,text,label,score_negative,score_positive\n", output.ToString());
    }

    [Fact]
    public void Columns_NamesTheInputAlreadyUses_GetAPrefix()
    {
        var columns = ScoringCsvWriter.Columns(["text", "Labels", "score_a"], ["a", "b"], multiLabel: true);

        Assert.Equal(["text", "Labels", "score_a", "predicted_labels", "predicted_score_a", "score_b"], columns);
    }

    [Fact]
    public void WriteRow_CarriedCells_ComeBackAsTheyWentIn()
    {
        using var output = new StringWriter();

        ScoringCsvWriter.WriteRow(output, ["-5", "a, \"quoted\"\ntext", "=1+1"], ["=bad"], ["=bad", "good"],
            new Dictionary<string, float> { ["=bad"] = 0.25f, ["good"] = 0.75f });

        // Input cells only quoted where RFC 4180 needs it; the label, taken from training data, is defused for spreadsheets.
        Assert.Equal("-5,\"a, \"\"quoted\"\"\ntext\",=1+1,'=bad,0.25,0.75\n", output.ToString());
    }

    [Fact]
    public void WriteRow_MultiLabel_JoinsTheLabelsWithSemicolons()
    {
        using var output = new StringWriter();

        ScoringCsvWriter.WriteRow(output, ["x"], ["joy", "love"], ["anger", "joy", "love"],
            new Dictionary<string, float> { ["anger"] = 0.1f, ["joy"] = 0.9f, ["love"] = 0.6f });

        Assert.Equal("x,joy;love,0.1,0.9,0.6\n", output.ToString());
    }
}

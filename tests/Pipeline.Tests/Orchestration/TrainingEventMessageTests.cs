using System.Text;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Orchestration;

public sealed class TrainingEventMessageTests
{
    private static readonly TrainingFinished Finished = new("reviews-0123456789ab", 2, TrainingOutcome.Failed, "oom", "out of memory");

    [Fact]
    public void TryParse_PlainJson_ReadsEvent()
    {
        Assert.True(TrainingEventMessage.TryParse(TrainingEventMessage.Serialize(Finished), out var parsed, out _));
        Assert.Equal(Finished, parsed);
    }

    [Fact]
    public void TryParse_Base64Json_ReadsEvent()
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(TrainingEventMessage.Serialize(Finished)));

        Assert.True(TrainingEventMessage.TryParse(base64, out var parsed, out _));
        Assert.Equal(Finished, parsed);
    }

    [Fact]
    public void TryParse_NumericOutcomeAndPascalCase_ReadsEvent()
    {
        Assert.True(TrainingEventMessage.TryParse("""{"JobId":"a-b","Attempt":1,"Outcome":0}""", out var parsed, out _));
        Assert.Equal(TrainingOutcome.Succeeded, parsed!.Outcome);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"attempt\":1}")]
    [InlineData("{\"jobId\":")]
    public void TryParse_Garbage_ExplainsProblem(string body)
    {
        Assert.False(TrainingEventMessage.TryParse(body, out var parsed, out var problem));
        Assert.Null(parsed);
        Assert.False(string.IsNullOrEmpty(problem));
    }
}

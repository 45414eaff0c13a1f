using System.Text;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;

namespace Platform.Shared.Tests.Jobs;

public sealed class ExampleJsonlTests
{
    [Fact]
    public void WriteThenRead_GivesTheSameExamples()
    {
        var examples = new[] { new LabeledExample("great \"film\"\nreally", ["positive"], 2), new LabeledExample("dull", ["negative", "boring"], 7) };
        using var stream = new MemoryStream();

        ExampleJsonl.Write(stream, examples);
        stream.Position = 0;
        var read = ExampleJsonl.Read(stream);

        Assert.Equal(examples.Select(e => (e.Text, string.Join(';', e.Labels), e.Line)), read.Select(e => (e.Text, string.Join(';', e.Labels), e.Line)));
    }

    [Fact]
    public void Read_TornLine_NamesItsLineNumberInTheFile()
    {
        var jsonl = "{\"text\":\"good\",\"labels\":[\"positive\"],\"line\":2}\n\n{\"text\":\"bad\",\"labels\":[\"neg";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(jsonl));

        var error = Assert.Throws<InvalidDataException>(() => ExampleJsonl.Read(stream));

        Assert.StartsWith("JSON line 3 is not an example: ", error.Message, StringComparison.Ordinal);
    }
}

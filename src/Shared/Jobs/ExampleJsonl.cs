using System.Text;
using System.Text.Json;
using Platform.Shared.Datasets;

namespace Platform.Shared.Jobs;

/// <summary>Reads and writes a split as JSON lines: <c>{"text":…,"labels":[…],"line":n}</c>.</summary>
public static class ExampleJsonl
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Write(Stream destination, IEnumerable<LabeledExample> examples)
    {
        using var writer = new StreamWriter(destination, new UTF8Encoding(false), leaveOpen: true);
        foreach (var example in examples)
        {
            writer.WriteLine(JsonSerializer.Serialize(new JsonLine(example.Text, example.Labels, example.Line), Json));
        }
    }

    public static List<LabeledExample> Read(Stream source)
    {
        var examples = new List<LabeledExample>();
        using var reader = new StreamReader(source, Encoding.UTF8, leaveOpen: true);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            var line = JsonSerializer.Deserialize<JsonLine>(text, Json) ?? throw new InvalidDataException($"JSON line {number} is null.");
            examples.Add(new LabeledExample(line.Text, line.Labels, line.Line));
        }

        return examples;
    }

    private sealed record JsonLine(string Text, IReadOnlyList<string> Labels, int Line);
}

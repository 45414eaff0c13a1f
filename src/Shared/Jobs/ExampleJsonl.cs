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

    /// <summary>Reads every line; throws <see cref="InvalidDataException"/> naming the first line that is not an example.</summary>
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

            JsonLine? line;
            try
            {
                line = JsonSerializer.Deserialize<JsonLine>(text, Json);
            }
            catch (JsonException e)
            {
                // The serializer counts lines within the one line it was given; the file's line number is what helps.
                throw new InvalidDataException($"JSON line {number} is not an example: {e.Message}", e);
            }

            if (line is null)
            {
                throw new InvalidDataException($"JSON line {number} is null.");
            }

            examples.Add(new LabeledExample(line.Text, line.Labels, line.Line));
        }

        return examples;
    }

    private sealed record JsonLine(string Text, IReadOnlyList<string> Labels, int Line);
}

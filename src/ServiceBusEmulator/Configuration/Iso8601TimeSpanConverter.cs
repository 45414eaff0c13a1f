using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Platform.ServiceBusEmulator.Configuration;

/// <summary>Reads durations as the official emulator writes them (<c>PT1M</c>) or as .NET does (<c>00:01:00</c>).</summary>
internal sealed class Iso8601TimeSpanConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A duration must be a string such as \"PT1M\".");
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (OverflowException)
            {
                return TimeSpan.MaxValue;
            }
            catch (FormatException exception)
            {
                throw new JsonException($"'{text}' is not an ISO 8601 duration.", exception);
            }
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException($"'{text}' is neither an ISO 8601 duration (PT1M) nor a TimeSpan (00:01:00).");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(XmlConvert.ToString(value));
}

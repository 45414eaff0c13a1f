using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>Reads the property maps that outcomes and management requests carry.</summary>
internal static class PropertyMaps
{
    public static IReadOnlyDictionary<string, object?>? From(Fields? fields) =>
        fields is null ? null : fields.ToDictionary(p => p.Key.ToString(), p => (object?)p.Value);

    public static IReadOnlyDictionary<string, object?>? From(AmqpMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, object?>();
        foreach (var pair in map)
        {
            result[pair.Key.ToString()] = pair.Value;
        }

        return result;
    }
}

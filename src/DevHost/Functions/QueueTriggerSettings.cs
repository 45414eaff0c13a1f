using System.Globalization;
using System.Text.Json;

namespace Platform.DevHost.Functions;

/// <summary>The queue trigger's retry limits from the <c>extensions.queues</c> section of <c>host.json</c> (the host's defaults where absent).</summary>
public sealed record QueueTriggerSettings(int MaxDequeueCount, TimeSpan VisibilityTimeout)
{
    public static QueueTriggerSettings FromHostJson(string path)
    {
        var settings = new QueueTriggerSettings(5, TimeSpan.Zero);
        if (!File.Exists(path))
        {
            return settings;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            return settings;
        }

        if (queues.TryGetProperty("maxDequeueCount", out var max) && max.TryGetInt32(out var count))
        {
            settings = settings with { MaxDequeueCount = count };
        }

        if (queues.TryGetProperty("visibilityTimeout", out var timeout) && TimeSpan.TryParse(timeout.GetString(), CultureInfo.InvariantCulture, out var span))
        {
            settings = settings with { VisibilityTimeout = span };
        }

        return settings;
    }
}

using System.Text;
using System.Text.Json;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Orchestration;

/// <summary>Reads a <c>training-events</c> message: JSON, or base64-encoded JSON (the Functions queue trigger's default encoding).</summary>
public static class TrainingEventMessage
{
    public static bool TryParse(string body, out TrainingFinished? finished, out string? problem)
    {
        finished = null;
        problem = null;
        var text = body.TrimStart();
        if (!text.StartsWith('{'))
        {
            try
            {
                text = Encoding.UTF8.GetString(Convert.FromBase64String(body));
            }
            catch (FormatException)
            {
                problem = "the message is neither JSON nor base64-encoded JSON";
                return false;
            }
        }

        try
        {
            finished = JsonSerializer.Deserialize<TrainingFinished>(text, WireJson.Options);
        }
        catch (JsonException e)
        {
            problem = $"the message is not a TrainingFinished: {e.Message}";
            return false;
        }

        if (finished is null || string.IsNullOrWhiteSpace(finished.JobId))
        {
            problem = "the message has no jobId";
            finished = null;
            return false;
        }

        return true;
    }

    /// <summary>The JSON a runner puts on the queue.</summary>
    public static string Serialize(TrainingFinished finished) => JsonSerializer.Serialize(finished, WireJson.Options);
}

using System.Text.Json;
using Platform.Modeling.BaseModels;
using Platform.Modeling.FineTuning;

namespace Platform.Runner.Jobs;

/// <summary>
/// Errors that another delivery cannot fix (bad data, unknown base model, invalid options or message) are
/// permanent: the message is dead-lettered and a Failed event sent. Everything else (storage, network,
/// device) is treated as transient and the message goes back to the queue.
/// </summary>
internal static class FailureClassifier
{
    public const string InvalidMessage = "InvalidMessage";

    /// <summary>A job message whose job has no prepared data in the jobs container.</summary>
    public const string JobNotPrepared = "JobNotPrepared";

    /// <summary>The dead-letter reason / event error code of a permanent failure, or null when a retry may help.</summary>
    public static string? PermanentCode(Exception exception) => exception switch
    {
        DatasetRejectedException => "DatasetRejected",
        BaseModelException => "BaseModelUnavailable",
        JsonException => InvalidMessage,
        ArgumentException => "InvalidOptions",
        _ => null,
    };

    /// <summary>Service Bus keeps dead-letter descriptions short; the full text is in status.json and the event.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception is DatasetRejectedException { Report.Error: not null } rejected ? rejected.Report.ToText() : exception.Message;
        return message.Length <= 1000 ? message : message[..1000];
    }
}

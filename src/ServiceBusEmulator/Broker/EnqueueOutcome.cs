namespace Platform.ServiceBusEmulator.Broker;

/// <summary>Result of a send: accepted (perhaps as a duplicate) or refused because the queue is full.</summary>
internal sealed record EnqueueOutcome(bool Accepted, string? Error = null, IReadOnlyList<long>? SequenceNumbers = null)
{
    public static EnqueueOutcome QuotaExceeded(string error) => new(false, error);
}

namespace Platform.ServiceBusEmulator.Broker;

/// <summary>One message as a sender delivered it, already encoded, with the fields the broker acts on.</summary>
internal sealed record IncomingMessage(byte[] Payload, string? MessageId, TimeSpan? TimeToLive, DateTime? ScheduledEnqueueTime);

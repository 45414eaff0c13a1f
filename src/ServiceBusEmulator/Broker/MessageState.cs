namespace Platform.ServiceBusEmulator.Broker;

/// <summary>Where a stored message is in its life cycle.</summary>
internal enum MessageState
{
    Scheduled,
    Available,
    Locked,
    Deferred,
}

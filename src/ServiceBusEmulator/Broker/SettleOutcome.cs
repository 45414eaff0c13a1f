namespace Platform.ServiceBusEmulator.Broker;

/// <summary>Result of a settlement or lock renewal by lock token.</summary>
internal enum SettleOutcome
{
    Done,

    /// <summary>The lock expired or the message is gone: the SDK reports MessageLockLost.</summary>
    LockLost,
}

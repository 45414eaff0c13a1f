namespace Platform.ServiceBusEmulator.Configuration;

/// <summary>A configuration file the emulator cannot honour; the message says what to change.</summary>
public sealed class EmulatorConfigurationException : Exception
{
    public EmulatorConfigurationException()
    {
    }

    public EmulatorConfigurationException(string message)
        : base(message)
    {
    }

    public EmulatorConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

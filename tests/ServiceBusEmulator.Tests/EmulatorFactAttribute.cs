namespace Platform.ServiceBusEmulator.Tests;

/// <summary>A test of the emulator itself (hosting, limits); it is skipped when the suite targets another namespace.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EmulatorFactAttribute : FactAttribute
{
    public EmulatorFactAttribute()
    {
        if (ServiceBusFixture.UsesExternalNamespace)
        {
            Skip = $"Emulator-only; {ServiceBusFixture.ConnectionStringVariable} points the suite at another namespace.";
        }
    }
}

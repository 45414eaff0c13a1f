namespace Platform.Pipeline.Tests;

/// <summary>
/// The Durable Task test host runs its gRPC sidecar on an internal ASP.NET Core host whose console logging
/// cannot be passed in; environment configuration is the one knob it reads. Without this every test
/// run prints thousands of per-request lines.
/// </summary>
internal static class QuietHosts
{
    public static void Apply()
    {
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Microsoft", "Warning");
    }
}

namespace Platform.GpuJobRunner.Cli;

/// <summary>Process exit codes: scripts tell a user's mistake from a failure of the platform.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}

namespace Platform.Infrastructure.Tests;

/// <summary>Exit code and captured output of a child process.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Diagnostic lines ("… : Warning BCP037: …", "… : Error …") from either stream.</summary>
    public IReadOnlyList<string> Diagnostics =>
        (Output + "\n" + Error).Split('\n')
            .Where(line => line.Contains(": Warning ", StringComparison.Ordinal) || line.Contains(": Error ", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .ToList();
}

using System.Diagnostics;

namespace Platform.GpuJobRunner.Tests;

/// <summary>Runs the real runner executable as a child process and captures what a user would see.</summary>
internal static class RunnerProcess
{
    public static (int ExitCode, string Output, string Error) Run(string? stdin, params string[] arguments) =>
        Run(stdin, new Dictionary<string, string?>(), arguments);

    public static (int ExitCode, string Output, string Error) Run(string? stdin, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Platform.GpuJobRunner.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The runner did not finish within 5 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}

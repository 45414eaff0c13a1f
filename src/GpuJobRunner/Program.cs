using System.CommandLine;
using Platform.GpuJobRunner.Cli;

var parsed = RunnerCli.Build().Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    return ExitCodes.BadInput;
}

using var signals = new ShutdownSignals();
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, signals.Token);

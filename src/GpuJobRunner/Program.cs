using Platform.GpuJobRunner.Cli;

var parsed = RunnerCli.Build().Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run with --help for usage.");
    return ExitCodes.BadInput;
}

return await parsed.InvokeAsync();

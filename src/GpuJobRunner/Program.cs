using Platform.GpuJobRunner.Cli;

return await RunnerCli.Build().Parse(args).InvokeAsync();

using Platform.ServiceBusEmulator.Cli;

return await EmulatorCli.Build().Parse(args).InvokeAsync();

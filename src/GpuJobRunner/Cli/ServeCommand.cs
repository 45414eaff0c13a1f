using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Platform.Runner.Hosting;

namespace Platform.GpuJobRunner.Cli;

/// <summary><c>serve [--once] [--wait seconds]</c>: the runner as a Service Bus worker (configuration in appsettings.json and environment variables).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Process one message and exit (a Container Apps event-driven job)." };
        var wait = new Option<int?>("--wait") { Description = "With --once: seconds to wait for the message (default Runner:OnceWaitTime)." };
        var command = new Command("serve", "Train jobs from the Service Bus queue training-jobs until stopped.") { once, wait };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var settings = new Dictionary<string, string?>();
                if (result.GetValue(wait) is { } seconds)
                {
                    settings[$"{RunnerSettings.Section}:{nameof(RunnerSettings.OnceWaitTime)}"] = TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
                }

                using var host = RunnerHost.Build(result.GetValue(once), settings);
                return await RunnerHost.RunAsync(host, cancellationToken);
            }
            catch (OptionsValidationException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}

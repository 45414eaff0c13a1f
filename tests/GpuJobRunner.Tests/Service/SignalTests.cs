using System.Diagnostics;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>SIGTERM on the real executable, as Container Apps stops a replica.</summary>
[Collection(ServiceCollection.Name)]
public sealed class SignalTests(ServiceEnvironment environment)
{
    [Fact]
    public async Task Serve_SigtermDuringTraining_UploadsACheckpointAbandonsTheMessageAndExits()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        await scenario.SendAsync(scenario.Job(JobScenario.Endless));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Platform.GpuJobRunner.dll"));
        start.ArgumentList.Add("serve");
        foreach (var (name, value) in scenario.Settings())
        {
            start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var runner = Process.Start(start)!;
        var output = runner.StandardOutput.ReadToEndAsync();
        var error = runner.StandardError.ReadToEndAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while ((await scenario.StatusAsync())?.Step is null or 0)
            {
                Assert.True(DateTime.UtcNow < deadline && !runner.HasExited, "Training did not start: " + (runner.HasExited ? await error : ""));
                await Task.Delay(100);
            }

            using (var kill = Process.Start("kill", ["-TERM", runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await runner.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
        finally
        {
            if (!runner.HasExited)
            {
                runner.Kill(entireProcessTree: true);
            }
        }

        Assert.True(runner.ExitCode == 0, await output + await error);
        Assert.NotNull(await scenario.CheckpointPointerAsync());
        Assert.Equal("interrupted", (await scenario.StatusAsync())!.Phase);
        var message = await scenario.PeekAsync();
        Assert.NotNull(message);
        Assert.Equal(1, message.DeliveryCount);
        Assert.Null(await scenario.ResultAsync());
        Assert.False(await scenario.Events.ExistsAsync() && (await scenario.Events.PeekMessageAsync()).Value is not null);
    }
}

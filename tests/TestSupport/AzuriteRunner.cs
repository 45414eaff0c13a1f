using System.Diagnostics;
using System.Net.Sockets;

namespace Platform.TestSupport;

/// <summary>Makes sure Azurite listens on 10000-10002, starting it with <c>scripts/azurite.sh start</c> from the repository root when it does not. Shared by every test project.</summary>
internal static class AzuriteRunner
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureStartedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (await ListeningAsync())
            {
                return;
            }

            var root = RepositoryRoot.Path;
            var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "azurite.sh"), "start"])
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run scripts/azurite.sh.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            if (process.ExitCode != 0 || !await ListeningAsync())
            {
                throw new InvalidOperationException($"Azurite did not start (exit {process.ExitCode}): {await output}{await error}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<bool> ListeningAsync()
    {
        foreach (var port in new[] { 10000, 10001, 10002 })
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                return false;
            }
        }

        return true;
    }
}

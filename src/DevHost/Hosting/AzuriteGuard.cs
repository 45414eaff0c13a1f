using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Platform.Shared.Configuration;

namespace Platform.DevHost.Hosting;

/// <summary>
/// Runs first: when the storage connection string is Azurite's and nothing listens on 10000-10002 (blobs, queues, and the
/// tables the Durable backend keeps its history in), starts
/// <c>scripts/azurite.sh start</c> (found by walking up to <c>Platform.sln</c>) and waits for it.
/// </summary>
public sealed partial class AzuriteGuard(IOptions<StorageSettings> storage, IOptions<DevHostOptions> options, ILogger<AzuriteGuard> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsDevelopmentStorage(storage.Value.ConnectionString) || await ReachableAsync(cancellationToken))
        {
            return;
        }

        if (!options.Value.StartAzurite)
        {
            throw new InvalidOperationException("Azurite is not listening on 127.0.0.1:10000-10002 (blob, queue and table services) and DevHost:StartAzurite is false. Start it with scripts/azurite.sh start.");
        }

        var script = Path.Combine(RepositoryRoot(), "scripts", "azurite.sh");
        if (!OnPath("node") || !OnPath("npm"))
        {
            throw new InvalidOperationException("Azurite is not running and node/npm are not on PATH, so scripts/azurite.sh cannot install or start it. Install Node.js 20+ or start Azurite yourself.");
        }

        LogStarting(logger, script);
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start bash to run " + script);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !await ReachableAsync(cancellationToken))
        {
            throw new InvalidOperationException($"scripts/azurite.sh start exited with {process.ExitCode} and Azurite is not listening; see .azurite/azurite.log.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsDevelopmentStorage(string? connectionString) =>
        connectionString is not null
        && (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("127.0.0.1:10000", StringComparison.Ordinal));

    private static async Task<bool> ReachableAsync(CancellationToken cancellationToken) =>
        await ListeningAsync(10000, cancellationToken) && await ListeningAsync(10001, cancellationToken) && await ListeningAsync(10002, cancellationToken);

    private static async Task<bool> ListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, command)));

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Azurite is not running and Platform.sln (with scripts/azurite.sh) was not found above the working directory or " + AppContext.BaseDirectory + ".");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is not listening; running {Script} start")]
    private static partial void LogStarting(ILogger logger, string script);
}

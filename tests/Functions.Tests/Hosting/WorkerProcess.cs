using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Platform.Functions.Tests.Hosting;

/// <summary>The worker process started as the Functions host starts it: worker.config.json's executable and worker, the host's gRPC address as arguments.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock gate = new();

    private WorkerProcess(Process process, string appFolder, string workerId)
    {
        this.process = process;
        AppFolder = appFolder;
        WorkerId = workerId;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Exited = process.WaitForExitAsync();
    }

    /// <summary>The function app folder, which is also the worker's working directory.</summary>
    public string AppFolder { get; }

    /// <summary>The id the host gave the worker on its command line; the worker names itself with it in StartStream.</summary>
    public string WorkerId { get; }

    /// <summary>Completes when the process has exited and its output has been read to the end.</summary>
    public Task Exited { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Standard output and standard error so far, interleaved as they arrived.</summary>
    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the worker of <paramref name="appFolder"/> against the host at <paramref name="hostEndpoint"/>; a null value in <paramref name="environment"/> removes that variable.</summary>
    public static WorkerProcess Start(string appFolder, Uri hostEndpoint, IReadOnlyDictionary<string, string?> environment)
    {
        var (executable, worker) = ReadWorkerConfig(appFolder);
        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = appFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(appFolder, worker),
            "--functions-uri", hostEndpoint.AbsoluteUri,
            "--functions-worker-id", workerId,
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return new WorkerProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, appFolder, workerId);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }

        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed but not reaped in time; nothing more a test can do about it.
        }

        process.Dispose();
    }

    /// <summary>The executable and worker assembly the host would run, from the worker.config.json the worker SDK writes next to the app.</summary>
    private static (string Executable, string Worker) ReadWorkerConfig(string appFolder)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(appFolder, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");
        var executable = description.GetProperty("defaultExecutablePath").GetString()!;
        var worker = description.GetProperty("defaultWorkerPath").GetString()!;

        // The host resolves "dotnet" from PATH; under `dotnet test` the SDK names the dotnet it runs on.
        if (executable == "dotnet" && Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet && File.Exists(dotnet))
        {
            executable = dotnet;
        }

        return (executable, worker);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.AppendLine(line);
        }
    }
}

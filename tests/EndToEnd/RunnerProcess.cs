using System.Diagnostics;
using System.Text;

namespace Platform.EndToEnd;

/// <summary>
/// The GPU job runner as its own OS process (<c>dotnet Platform.GpuJobRunner.dll serve</c>), configured through
/// environment variables as a container would be, so that it can be killed like a lost machine.
/// </summary>
internal sealed class RunnerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunnerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the runner printed so far (its log), for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>serve</c> with <paramref name="settings"/> (configuration keys such as <c>Storage:ConnectionString</c>).</summary>
    public static RunnerProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        // Built next to the tests: EndToEnd references the runner project.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Platform.GpuJobRunner.dll"));
        start.ArgumentList.Add("serve");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new RunnerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the runner process."));
    }

    /// <summary>SIGKILL to the runner and anything it started: no handler runs, nothing is checkpointed or settled.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

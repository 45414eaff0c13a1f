using System.Diagnostics;
using System.Reflection;

namespace Platform.GpuJobRunner.Tests;

/// <summary>The runner's publish (what the image carries) leaves out the native libraries nothing loads, and still trains.</summary>
public sealed class PublishTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runner-publish-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Publish_DropsUnusedLibtorchLibrariesAndTheResultStillTrains()
    {
        var publish = Path.Combine(_directory, "app");
        var configuration = typeof(PublishTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.Combine(TestSupport.RepositoryRoot.Path, "src", "GpuJobRunner", "GpuJobRunner.csproj");
        var (code, output) = await RunAsync("dotnet", "publish", project, "-c", configuration, "--no-build", "-o", publish, "-nologo");
        Assert.True(code == 0, output);

        Assert.True(File.Exists(Path.Combine(publish, "libtorch_cpu.so")));
        foreach (var unused in new[] { "libtorch_python.so", "libjitbackend_test.so", "libtorchbind_test.so", "libbackend_with_compiler.so" })
        {
            Assert.False(File.Exists(Path.Combine(publish, unused)), $"{unused} is published but nothing loads it.");
        }

        var csv = Path.Combine(_directory, "data.csv");
        File.WriteAllLines(csv, ["text,label", .. Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? $"great film {i},positive" : $"boring film {i},negative")]);
        var (trainCode, trainOutput) = await RunAsync("dotnet", Path.Combine(publish, "Platform.GpuJobRunner.dll"), "train", "--data", csv, "--base", "tiny-random",
            "--out", Path.Combine(_directory, "model"), "--max-steps", "2", "--batch-size", "8");
        Assert.True(trainCode == 0, trainOutput);
        Assert.True(File.Exists(Path.Combine(_directory, "model", "model.int8.onnx")));
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}

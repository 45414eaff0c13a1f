using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Xunit.Abstractions;

namespace Platform.Functions.Tests;

/// <summary>The Functions app serves and evaluates through ONNX Runtime: nothing of libtorch or TorchSharp is among what it loads or ships.</summary>
public sealed class ServingRuntimeTests(ITestOutputHelper output)
{
    /// <summary>What Flex Consumption downloads on a cold start should stay small (it was 609 MB with libtorch).</summary>
    private const long MaxPublishBytes = 150L * 1024 * 1024;

    [Fact]
    public void DependencyManifest_HasOnnxRuntimeAndNoTorch()
    {
        // The .deps.json lists every assembly and native library the host may load; stale files in bin do not count.
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsAppOutput.Folder, "Platform.Functions.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name).ToList();

        Assert.Contains(libraries, name => name.StartsWith("Microsoft.ML.OnnxRuntime/", StringComparison.Ordinal));
        Assert.Contains(libraries, name => name.StartsWith("Platform.Serving/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, name => name.Contains("torch", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(libraries, name => name.StartsWith("Platform.Modeling/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_HasNoTorchCarriesTheVocabularyOnlyAndStaysUnder150MB()
    {
        var folder = Directory.CreateTempSubdirectory("functions-publish-").FullName;
        try
        {
            // What `azd deploy` uploads: a publish of the project, from the build the other tests run.
            var configuration = typeof(ServingRuntimeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var project = Path.Combine(TestSupport.RepositoryRoot.Path, "src", "Functions", "Functions.csproj");
            var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", folder, "-nologo"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using (var publish = Process.Start(start)!)
            {
                var log = publish.StandardOutput.ReadToEndAsync();
                var errors = publish.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                await publish.WaitForExitAsync(timeout.Token);
                Assert.True(publish.ExitCode == 0, await log + await errors);
            }

            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
            var bytes = files.Sum(f => new FileInfo(f).Length);
            output.WriteLine($"Functions publish: {files.Length} files, {bytes / 1e6:0.0} MB");
            Assert.DoesNotContain(files, f => Path.GetFileName(f).Contains("torch", StringComparison.OrdinalIgnoreCase));
            // ONNX Runtime's Linux library, not the Windows one its package copies for desktop apps.
            Assert.Contains(files, f => Path.GetFileName(f) == "libonnxruntime.so");
            Assert.DoesNotContain(files, f => Path.GetFileName(f).Equals("onnxruntime.dll", StringComparison.OrdinalIgnoreCase));
            var builtIn = Path.Combine(folder, "base-models", "minilm-l6");
            Assert.True(File.Exists(Path.Combine(builtIn, "vocab.txt")));
            Assert.False(File.Exists(Path.Combine(builtIn, "model.onnx")), "The Functions app ships the MiniLM weights it never uses.");
            Assert.True(bytes <= MaxPublishBytes, $"The Functions publish is {bytes / 1e6:0.0} MB.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

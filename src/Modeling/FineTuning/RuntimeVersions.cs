using System.Reflection;
using System.Runtime.InteropServices;

namespace Platform.Modeling.FineTuning;

/// <summary>Library and runtime versions recorded in <c>training.json</c>.</summary>
internal static class RuntimeVersions
{
    public static IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["platform"] = typeof(RuntimeVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["libtorch"] = TorchSharp.torch.__version__,
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["cuda"] = TorchSharp.torch.cuda.is_available() ? "available" : "not available",
    };
}

using System.Text.Json.Nodes;

namespace Platform.TestSupport;

/// <summary>Turns a model package into one as written before packages carried ONNX graphs: none on disk, none in its manifest.</summary>
internal static class PackageWithoutOnnx
{
    public static void Make(string package)
    {
        foreach (var file in new[] { "model.onnx", "model.int8.onnx" })
        {
            File.Delete(Path.Combine(package, file));
        }

        var manifestPath = Path.Combine(package, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var files = manifest["files"]!.AsArray();
        foreach (var entry in files.Where(f => f!["path"]!.GetValue<string>().EndsWith(".onnx", StringComparison.Ordinal)).ToList())
        {
            files.Remove(entry);
        }

        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }
}

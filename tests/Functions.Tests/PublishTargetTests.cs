using System.Xml.Linq;
using Platform.TestSupport;

namespace Platform.Functions.Tests;

/// <summary>What `azd deploy` publishes must fit the Linux x64 host whichever machine publishes it.</summary>
public sealed class PublishTargetTests
{
    [Fact]
    public void Project_TargetsLinuxX64_WhicheverOsPublishes()
    {
        // Directory.Build.props sets linux-x64 only when the build runs on Linux. A publish from Windows
        // or macOS had no runtime identifier: libtorch for every platform went into the package and
        // libLibTorchSharp.so stayed under runtimes/linux-x64/native, unpatched by build/TorchSharp.targets.
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", "Functions", "Functions.csproj"));

        var runtimeIdentifiers = project.Root!.Elements("PropertyGroup")
            .Where(group => group.Attribute("Condition") is null)
            .Elements("RuntimeIdentifier")
            .Where(element => element.Attribute("Condition") is null)
            .Select(element => element.Value.Trim());

        Assert.Equal(["linux-x64"], runtimeIdentifiers);
    }
}

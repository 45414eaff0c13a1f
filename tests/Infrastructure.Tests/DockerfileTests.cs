using System.Xml.Linq;

namespace Platform.Infrastructure.Tests;

/// <summary>The runner image cannot be built here (no Docker engine); its contract is checked as text.</summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(RepoPaths.Combine("src", "GpuJobRunner", "Dockerfile"));

    private static IEnumerable<string> Instructions(string keyword) =>
        Lines.Where(line => line.StartsWith(keyword + " ", StringComparison.Ordinal));

    [Fact]
    public void Dockerfile_IsMultiStageFromTheSdk()
    {
        Assert.Contains(Instructions("FROM"), line => line.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal) && line.EndsWith(" AS build", StringComparison.Ordinal));
        Assert.Contains(Instructions("COPY"), line => line.Contains("--from=build", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_SelectsTorchSharpFlavorFromTheBuildArgument()
    {
        Assert.Contains(Instructions("ARG"), line => line == "ARG FLAVOR=cuda");
        Assert.Contains(Instructions("RUN"), line => line.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.Contains("-p:TorchSharpFlavor=${FLAVOR}", StringComparison.Ordinal));
        Assert.Contains(Instructions("FROM"), line => line.StartsWith("FROM nvidia/cuda:12.8", StringComparison.Ordinal) && line.EndsWith(" AS runtime-cuda", StringComparison.Ordinal));
        Assert.Contains(Instructions("FROM"), line => line.StartsWith("FROM mcr.microsoft.com/dotnet/runtime:10.0", StringComparison.Ordinal) && line.EndsWith(" AS runtime-cpu", StringComparison.Ordinal));
        Assert.Contains(Instructions("FROM"), line => line.StartsWith("FROM runtime-${FLAVOR}", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_CopiesEveryProjectTheRunnerReferences_BeforeRestoreAndBeforePublish()
    {
        // A project the runner references (Runner, Modeling, Shared, ...) but the image does not copy fails the
        // image build only, where no test here would see it.
        var restore = Lines.ToList().FindIndex(line => line.Contains("dotnet restore", StringComparison.Ordinal));
        var publish = Lines.ToList().FindIndex(line => line.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.True(restore >= 0 && publish > restore, "The Dockerfile restores, then publishes.");

        foreach (var project in ProjectClosure("src/GpuJobRunner/GpuJobRunner.csproj"))
        {
            var folder = Path.GetDirectoryName(project)!.Replace('\\', '/') + "/";
            var csprojCopy = $"COPY {project} {folder}";
            var folderCopy = $"COPY {folder} {folder}";
            var csprojAt = Array.IndexOf(Lines, csprojCopy);
            var folderAt = Array.IndexOf(Lines, folderCopy);
            Assert.True(csprojAt >= 0 && csprojAt < restore, $"Expected '{csprojCopy}' before the restore.");
            Assert.True(folderAt > restore && folderAt < publish, $"Expected '{folderCopy}' between restore and publish.");
        }
    }

    [Fact]
    public void Dockerfile_RunsAsNonRootUser()
    {
        var user = Instructions("USER").Last()["USER ".Length..].Trim();

        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
    }

    [Fact]
    public void Dockerfile_EntrypointServesOneJob()
    {
        var entrypoint = Assert.Single(Instructions("ENTRYPOINT"));

        Assert.Equal("""ENTRYPOINT ["dotnet", "Platform.GpuJobRunner.dll", "serve", "--once"]""", entrypoint);
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputsOutOfTheContext()
    {
        var ignored = File.ReadAllLines(RepoPaths.Combine(".dockerignore"));

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git", ignored);
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static List<string> ProjectClosure(string project)
    {
        var found = new List<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (found.Contains(next))
            {
                continue;
            }

            found.Add(next);
            var directory = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(RepoPaths.Combine(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(RepoPaths.Root, directory, reference.Attribute("Include")!.Value));
                pending.Push(Path.GetRelativePath(RepoPaths.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }
}

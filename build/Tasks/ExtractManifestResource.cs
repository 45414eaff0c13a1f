// Copies one embedded manifest resource out of a .NET assembly without loading the assembly, so a
// package can serve as a carrier of data files without its code or dependencies entering the product.
using System;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ExtractManifestResource : Task
{
    [Required]
    public string AssemblyPath { get; set; } = "";

    [Required]
    public string ResourceName { get; set; } = "";

    [Required]
    public string DestinationPath { get; set; } = "";

    public override bool Execute()
    {
        if (File.Exists(DestinationPath) && File.GetLastWriteTimeUtc(DestinationPath) >= File.GetLastWriteTimeUtc(AssemblyPath))
        {
            return true;
        }

        using var stream = File.OpenRead(AssemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (metadata.GetString(resource.Name) != ResourceName)
            {
                continue;
            }

            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var block = pe.GetSectionData(directory.RelativeVirtualAddress).GetReader();
            block.Offset = checked((int)resource.Offset);
            var length = block.ReadInt32();
            var content = block.ReadBytes(length);

            Directory.CreateDirectory(Path.GetDirectoryName(DestinationPath)!);
            var temporary = DestinationPath + ".partial";
            File.WriteAllBytes(temporary, content);
            File.Delete(DestinationPath);
            File.Move(temporary, DestinationPath);
            Log.LogMessage(MessageImportance.Normal, "Extracted {0} ({1:N0} bytes) to {2}.", ResourceName, length, DestinationPath);
            return true;
        }

        Log.LogError("Resource {0} was not found in {1}.", ResourceName, AssemblyPath);
        return false;
    }
}

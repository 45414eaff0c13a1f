// Marks one GLIBCXX version requirement of an ELF shared object as weak.
//
// Why: TorchSharp's libLibTorchSharp.so is linked against a newer libstdc++ than Debian 12 ships and
// therefore asks for GLIBCXX_3.4.32, although the only symbol it takes from that version is an unused
// marker. The dynamic loader refuses a library whose required version is missing unless the
// requirement carries VER_FLG_WEAK (0x2) in its .gnu.version_r entry; with the flag it only warns
// at symbol binding time, which never happens for that symbol. After build the task is a no-op when
// this machine's libstdc++ already provides the version; after publish it always applies (Force),
// because the published output runs on other machines. It is idempotent.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenGlibcxxRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required]
    public string LibraryPath { get; set; } = "";

    public string VersionName { get; set; } = "GLIBCXX_3.4.32";

    /// <summary>Patch even when this machine's libstdc++ has the version: a published output runs elsewhere.</summary>
    public bool Force { get; set; }

    public override bool Execute()
    {
        if (!File.Exists(LibraryPath))
        {
            return true;
        }

        if (!Force && SystemLibStdCxxProvides(VersionName))
        {
            Log.LogMessage(MessageImportance.Low, "System libstdc++ provides {0}; {1} left as is.", VersionName, LibraryPath);
            return true;
        }

        var bytes = File.ReadAllBytes(LibraryPath);
        int offset;
        try
        {
            offset = FindRequirementFlagsOffset(bytes, VersionName);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            Log.LogError("{0} is not an ELF64 library this step understands: {1}", LibraryPath, ex.Message);
            return false;
        }

        if (offset < 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0} does not require {1}.", LibraryPath, VersionName);
            return true;
        }

        var flags = BitConverter.ToUInt16(bytes, offset);
        if ((flags & VerFlagWeak) != 0)
        {
            return true;
        }

        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(bytes, offset);

        // Write a new file and swap it in: the output may be a hard link into the NuGet cache,
        // which must stay untouched.
        var temporary = LibraryPath + ".weakening";
        File.WriteAllBytes(temporary, bytes);
        File.Delete(LibraryPath);
        File.Move(temporary, LibraryPath);
        Log.LogMessage(MessageImportance.High, "Marked the {0} requirement of {1} weak.", VersionName, Path.GetFileName(LibraryPath));
        return true;
    }

    private static int FindRequirementFlagsOffset(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("missing ELF magic");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("only little-endian ELF64 is supported");
        }

        var sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
        var sectionSize = BitConverter.ToUInt16(elf, 0x3A);
        var sectionCount = BitConverter.ToUInt16(elf, 0x3C);

        for (var i = 0; i < sectionCount; i++)
        {
            var header = checked((int)(sectionTable + (i * sectionSize)));
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var verneedOffset = checked((int)BitConverter.ToUInt64(elf, header + 0x18));
            var linkedStrings = BitConverter.ToUInt32(elf, header + 0x28);
            var stringsHeader = checked((int)(sectionTable + (linkedStrings * sectionSize)));
            var stringsOffset = checked((int)BitConverter.ToUInt64(elf, stringsHeader + 0x18));
            return ScanRequirements(elf, verneedOffset, stringsOffset, versionName);
        }

        return -1;
    }

    private static int ScanRequirements(byte[] elf, int verneed, int strings, string versionName)
    {
        while (true)
        {
            var auxCount = BitConverter.ToUInt16(elf, verneed + 2);
            var aux = verneed + (int)BitConverter.ToUInt32(elf, verneed + 8);
            for (var j = 0; j < auxCount; j++)
            {
                var name = ReadString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8));
                if (name == versionName)
                {
                    return aux + 4;
                }

                aux += (int)BitConverter.ToUInt32(elf, aux + 12);
            }

            var next = BitConverter.ToUInt32(elf, verneed + 12);
            if (next == 0)
            {
                return -1;
            }

            verneed += (int)next;
        }
    }

    private static string ReadString(byte[] elf, int offset)
    {
        var end = Array.IndexOf(elf, (byte)0, offset);
        return Encoding.ASCII.GetString(elf, offset, end - offset);
    }

    private static bool SystemLibStdCxxProvides(string versionName)
    {
        var candidates = new[]
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };
        var needle = Encoding.ASCII.GetBytes(versionName + "\0");
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return Contains(File.ReadAllBytes(candidate), needle);
            }
        }

        return false;
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return true;
            }
        }

        return false;
    }
}

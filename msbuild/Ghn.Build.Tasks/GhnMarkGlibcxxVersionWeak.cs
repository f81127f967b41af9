// An MSBuild task, compiled inline (RoslynCodeTaskFactory) by Ghn.Runtime.targets, and into Ghn.Build.Tasks for
// Ghn.Build's users. See Ghn.Runtime.targets.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one ELF symbol-version requirement of native libraries weak, so that libLibTorchSharp.so loads on hosts whose
/// libstdc++ lacks that version.
/// </summary>
public sealed class GhnMarkGlibcxxVersionWeak : Microsoft.Build.Utilities.Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>The native libraries to patch in place.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The symbol version whose requirement becomes weak, such as GLIBCXX_3.4.32.</summary>
    [Required]
    public string VersionName { get; set; } = "";

    /// <inheritdoc />
    public override bool Execute()
    {
        if (HostProvides(VersionName))
        {
            Log.LogMessage(MessageImportance.Low, "Host libstdc++ provides " + VersionName + "; LibTorchSharp needs no patch.");
            return true;
        }

        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                Patch(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                Log.LogWarning(null, "GHN201", null, path, 0, 0, 0, 0,
                    "Could not patch {0} so that it loads without {1}: {2}. TorchSharp may fail to load on this host; " +
                    "install a libstdc++ that provides {1} or set GhnPatchLibTorchSharp=false to silence this.",
                    path, VersionName, e.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }

    private static bool HostProvides(string versionName)
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        };
        var needle = Encoding.ASCII.GetBytes(versionName + "\0");
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return IndexOf(File.ReadAllBytes(candidate), needle) >= 0;
            }
        }

        return false;
    }

    private void Patch(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException("not a little-endian 64-bit ELF file");
        }

        var sectionHeaders = (long)BitConverter.ToUInt64(bytes, 0x28);
        int sectionHeaderSize = BitConverter.ToUInt16(bytes, 0x3A);
        int sectionCount = BitConverter.ToUInt16(bytes, 0x3C);
        var changed = false;
        for (var i = 0; i < sectionCount; i++)
        {
            var header = (int)(sectionHeaders + (long)i * sectionHeaderSize);
            if (BitConverter.ToUInt32(bytes, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var verneed = (int)BitConverter.ToUInt64(bytes, header + 0x18);
            var linkedStrings = BitConverter.ToUInt32(bytes, header + 0x28);
            var entryCount = BitConverter.ToUInt32(bytes, header + 0x2C);
            var stringsHeader = (int)(sectionHeaders + (long)linkedStrings * sectionHeaderSize);
            var strings = (int)BitConverter.ToUInt64(bytes, stringsHeader + 0x18);
            changed |= MarkWeak(bytes, verneed, entryCount, strings);
        }

        if (!changed)
        {
            Log.LogMessage(MessageImportance.Low, path + " needs no patch.");
            return;
        }

        // Write a new file and move it over the old one: the output copy may be a hard link into the NuGet cache.
        // Keep the timestamp so that incremental copies still see the file as up to date.
        var timestamp = File.GetLastWriteTimeUtc(path);
        var temporary = path + ".ghn-patch";
        File.WriteAllBytes(temporary, bytes);
        File.SetLastWriteTimeUtc(temporary, timestamp);
        File.Delete(path);
        File.Move(temporary, path);
        Log.LogMessage(MessageImportance.Normal, "Marked " + VersionName + " weak in " + path + ".");
    }

    private bool MarkWeak(byte[] bytes, int verneed, uint entryCount, int strings)
    {
        var changed = false;
        var entry = verneed;
        for (var n = 0; n < entryCount; n++)
        {
            int auxCount = BitConverter.ToUInt16(bytes, entry + 2);
            var aux = entry + (int)BitConverter.ToUInt32(bytes, entry + 8);
            for (var a = 0; a < auxCount; a++)
            {
                var name = ReadString(bytes, strings + (int)BitConverter.ToUInt32(bytes, aux + 8));
                var flags = BitConverter.ToUInt16(bytes, aux + 4);
                if (name == VersionName && (flags & VerFlagWeak) == 0)
                {
                    var weak = BitConverter.GetBytes((ushort)(flags | VerFlagWeak));
                    bytes[aux + 4] = weak[0];
                    bytes[aux + 5] = weak[1];
                    changed = true;
                }

                aux += (int)BitConverter.ToUInt32(bytes, aux + 12);
            }

            entry += (int)BitConverter.ToUInt32(bytes, entry + 12);
        }

        return changed;
    }

    private static string ReadString(byte[] bytes, int offset)
    {
        var end = offset;
        while (bytes[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(bytes, offset, end - offset);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
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
                return i;
            }
        }

        return -1;
    }
}

using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Ghn.Build.Tests.Infrastructure;

/// <summary>Reads an assembly's manifest resources from its metadata, without loading it.</summary>
internal static class AssemblyResources
{
    public static IReadOnlyDictionary<string, byte[]> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var resourcesDirectory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        var resources = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var section = pe.GetSectionData(resourcesDirectory.RelativeVirtualAddress).GetReader();
            section.Offset = (int)resource.Offset;
            var length = section.ReadInt32();
            resources.Add(metadata.GetString(resource.Name), section.ReadBytes(length));
        }

        return resources;
    }
}

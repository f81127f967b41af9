using System.Buffers.Binary;
using System.Text.Json;

namespace Ghn.Build.Tests.Infrastructure;

/// <summary>Reads a safetensors file's tensors as raw bytes (no TorchSharp needed), for bit-exact comparisons.</summary>
internal static class SafetensorsBytes
{
    public static IReadOnlyDictionary<string, (string DType, long[] Shape, byte[] Data)> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var dataStart = 8 + headerLength;
        var tensors = new Dictionary<string, (string, long[], byte[])>(StringComparer.Ordinal);
        foreach (var entry in header.RootElement.EnumerateObject().Where(e => e.Name != "__metadata__"))
        {
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(o => (int)o.GetInt64()).ToArray();
            tensors.Add(entry.Name, (
                entry.Value.GetProperty("dtype").GetString()!,
                entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                bytes[(dataStart + offsets[0])..(dataStart + offsets[1])]));
        }

        return tensors;
    }

    public static IReadOnlyDictionary<string, string> Metadata(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        return header.RootElement.TryGetProperty("__metadata__", out var metadata)
            ? metadata.EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!)
            : new Dictionary<string, string>();
    }
}

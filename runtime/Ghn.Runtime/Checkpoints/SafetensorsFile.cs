using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Ghn.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
/// header length, a JSON header mapping each tensor name to its dtype, shape and byte range (plus an optional
/// <c>__metadata__</c> object of strings), then the raw little-endian tensor data. Only data is read: nothing in
/// the file is ever executed.
/// </summary>
public static class SafetensorsFile
{
    private const string MetadataKey = "__metadata__";

    // A header larger than this is not a tensor index but a corrupt or hostile file.
    private const long MaxHeaderLength = 100L * 1024 * 1024;

    /// <summary>Reads every tensor (on the CPU, in its stored dtype) and the metadata strings.</summary>
    /// <exception cref="CheckpointException">The file is truncated or malformed; the message names the tensor or field.</exception>
    public static SafetensorsContent Read(string path)
    {
        using var stream = OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads every tensor (on the CPU, in its stored dtype) and the metadata strings from a seekable stream, such as an embedded resource.</summary>
    /// <param name="stream">The safetensors bytes; must support seeking.</param>
    /// <param name="path">Names the stream in error messages.</param>
    /// <exception cref="CheckpointException">The content is truncated or malformed; the message names the tensor or field.</exception>
    public static SafetensorsContent Read(Stream stream, string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors data is little-endian; reading it on a big-endian machine is not supported.");
        }

        var (header, dataStart) = ReadHeader(stream, path);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<(string Name, ScalarType Type, long[] Shape, long Begin, long End)>();
        foreach (var property in header.RootElement.EnumerateObject())
        {
            if (property.Name == MetadataKey)
            {
                ReadMetadata(property.Value, metadata, path);
            }
            else
            {
                entries.Add(ReadEntry(property, path));
            }
        }

        var dataLength = stream.Length - dataStart;
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, type, shape, begin, end) in entries.OrderBy(e => e.Begin))
            {
                if (end > dataLength)
                {
                    throw new CheckpointException(
                        $"{path}: tensor \"{name}\" ends at byte {end} of the data section, but the file holds only {dataLength} data bytes (truncated file?).");
                }

                if (tensors.ContainsKey(name))
                {
                    throw new CheckpointException($"{path}: tensor \"{name}\" appears twice in the header.");
                }

                var tensor = empty(shape, type);
                var bytes = new byte[end - begin];
                stream.Position = dataStart + begin;
                stream.ReadExactly(bytes);
                tensor.bytes = bytes;
                tensors.Add(name, tensor);
            }
        }
        catch
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return new SafetensorsContent(tensors, metadata);
    }

    /// <summary>Reads only the <c>__metadata__</c> strings and the tensor names and shapes (no tensor data).</summary>
    /// <exception cref="CheckpointException">The header is malformed.</exception>
    public static (IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, long[]> Shapes) ReadHeader(string path)
    {
        using var stream = OpenRead(path);
        var (header, _) = ReadHeader(stream, path);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var property in header.RootElement.EnumerateObject())
        {
            if (property.Name == MetadataKey)
            {
                ReadMetadata(property.Value, metadata, path);
            }
            else
            {
                shapes.Add(property.Name, ReadEntry(property, path).Shape);
            }
        }

        return (metadata, shapes);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (sorted by name, so equal inputs give equal files) and
    /// <paramref name="metadata"/>. Tensors may live on any device; they are copied to the CPU.
    /// </summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors data is little-endian; writing it on a big-endian machine is not supported.");
        }

        using var scope = NewDisposeScope();
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (Name: t.Key, Tensor: t.Value.detach().cpu().contiguous()))
            .ToArray();

        using var headerJson = new MemoryStream();
        using (var writer = new Utf8JsonWriter(headerJson))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, tensor) in ordered)
            {
                var length = tensor.NumberOfElements * tensor.ElementSize;
                writer.WriteStartObject(name);
                writer.WriteString("dtype", SafetensorsDType.NameOf(tensor.dtype));
                writer.WriteStartArray("shape");
                foreach (var dimension in tensor.shape)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + length);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += length;
            }

            writer.WriteEndObject();
        }

        // The reference implementation pads the header with spaces so that the data starts 8-byte aligned.
        var headerLength = (headerJson.Length + 7) / 8 * 8;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Span<byte> lengthBytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(lengthBytes, headerLength);
        file.Write(lengthBytes);
        headerJson.Position = 0;
        headerJson.CopyTo(file);
        for (var i = headerJson.Length; i < headerLength; i++)
        {
            file.WriteByte((byte)' ');
        }

        foreach (var (_, tensor) in ordered)
        {
            file.Write(tensor.bytes);
        }
    }

    private static FileStream OpenRead(string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors data is little-endian; reading it on a big-endian machine is not supported.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint file not found: {path}", path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    private static (JsonDocument Header, long DataStart) ReadHeader(Stream stream, string path)
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Length < 8)
        {
            throw new CheckpointException($"{path}: not a safetensors file: {stream.Length} bytes, shorter than the 8-byte header length.");
        }

        stream.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (headerLength <= 0 || headerLength > MaxHeaderLength)
        {
            throw new CheckpointException($"{path}: not a safetensors file: the header length field says {headerLength} bytes.");
        }

        if (8 + headerLength > stream.Length)
        {
            throw new CheckpointException($"{path}: truncated file: the header needs {headerLength} bytes but only {stream.Length - 8} follow.");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        try
        {
            var document = JsonDocument.Parse(header);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CheckpointException($"{path}: the safetensors header is not a JSON object.");
            }

            return (document, 8 + headerLength);
        }
        catch (JsonException exception)
        {
            throw new CheckpointException($"{path}: the safetensors header is not valid JSON: {exception.Message}", exception);
        }
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CheckpointException($"{path}: \"{MetadataKey}\" must be an object of strings.");
        }

        foreach (var entry in element.EnumerateObject())
        {
            metadata[entry.Name] = entry.Value.ValueKind == JsonValueKind.String
                ? entry.Value.GetString()!
                : throw new CheckpointException($"{path}: \"{MetadataKey}\".\"{entry.Name}\" must be a string.");
        }
    }

    private static (string Name, ScalarType Type, long[] Shape, long Begin, long End) ReadEntry(JsonProperty property, string path)
    {
        var name = property.Name;
        try
        {
            var entry = property.Value;
            var dtypeName = entry.GetProperty("dtype").GetString() ?? "";
            if (!SafetensorsDType.TryParse(dtypeName, out var type, out var elementSize))
            {
                throw new CheckpointException($"{path}: tensor \"{name}\" has dtype \"{dtypeName}\"; supported: {SafetensorsDType.SupportedNames}.");
            }

            var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (shape.Any(d => d < 0) || offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
            {
                throw new CheckpointException($"{path}: tensor \"{name}\" has an invalid shape or data_offsets.");
            }

            var expected = shape.Aggregate(1L, (n, d) => n * d) * elementSize;
            if (offsets[1] - offsets[0] != expected)
            {
                throw new CheckpointException(
                    $"{path}: tensor \"{name}\" of dtype {dtypeName} and shape [{string.Join(", ", shape)}] needs {expected} bytes but its data_offsets span {offsets[1] - offsets[0]}.");
            }

            return (name, type, shape, offsets[0], offsets[1]);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException($"{path}: tensor \"{name}\" needs \"dtype\", \"shape\" and \"data_offsets\" ({exception.Message}).", exception);
        }
    }
}

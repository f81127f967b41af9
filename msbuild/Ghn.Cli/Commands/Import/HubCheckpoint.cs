using Ghn.Checkpoints;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Ghn.Cli.Commands.Import;

/// <summary>
/// Reads the GHN files of the reference's model hub (<c>ghn3tm8.pt</c> … <c>ghn3xlm16.pt</c>): a joblib pickle, plain
/// or zlib-compressed, of a bare state dict whose tensors torch's reducer pickled, each storage a nested legacy
/// <c>torch.save</c> blob. Only <c>OrderedDict</c>, torch's tensor and storage rebuilders and storage types are
/// allowed; any other global is refused by name, and nothing in the file is executed.
/// </summary>
internal static class HubCheckpoint
{
    private static readonly BigInteger LegacyMagic = BigInteger.Parse("119547037146038801333356", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, (ScalarType Type, int Size)> StorageTypes = new(StringComparer.Ordinal)
    {
        ["FloatStorage"] = (ScalarType.Float32, 4),
        ["DoubleStorage"] = (ScalarType.Float64, 8),
        ["LongStorage"] = (ScalarType.Int64, 8),
        ["IntStorage"] = (ScalarType.Int32, 4),
        ["HalfStorage"] = (ScalarType.Float16, 2),
        ["BFloat16Storage"] = (ScalarType.BFloat16, 2),
        ["ByteStorage"] = (ScalarType.Byte, 1),
        ["BoolStorage"] = (ScalarType.Bool, 1),
    };

    /// <summary>Whether <paramref name="path"/> starts like a hub file (a pickle or zlib stream) rather than a zip checkpoint.</summary>
    public static bool IsHubFile(string path)
    {
        using var stream = File.OpenRead(path);
        var first = stream.ReadByte();
        return first is 0x80 or 0x78;
    }

    /// <summary>The state dict, tensor by tensor, in the file's order.</summary>
    /// <exception cref="CheckpointException">The file is truncated, malformed, or not a state dict of tensors.</exception>
    public static List<KeyValuePair<string, Tensor>> ReadStateDict(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > 0 && bytes[0] == 0x78)
        {
            bytes = Inflate(bytes, path);
        }

        var root = new PickleReader(bytes, new StateDictHost(path), path).Read();
        if (root is not PickleDictionary entries)
        {
            throw new CheckpointException($"{path}: the pickle holds a {root?.GetType().Name ?? "None"}, not a state dict; expected a GHN file of the reference's model hub.");
        }

        return entries.Select(entry => new KeyValuePair<string, Tensor>(
            entry.Key as string ?? throw new CheckpointException($"{path}: a state dict key is not a string."),
            entry.Value as Tensor ?? throw new CheckpointException($"{path}: state_dict[\"{entry.Key}\"] is not a tensor."))).ToList();
    }

    private static byte[] Inflate(byte[] compressed, string path)
    {
        try
        {
            using var input = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException exception)
        {
            throw new CheckpointException($"{path}: the zlib-compressed pickle is corrupt or truncated ({exception.Message}); download it again.", exception);
        }
    }

    private sealed record Global(string Module, string Name);

    /// <summary>A storage read from a nested legacy <c>torch.save</c>: its element type and raw little-endian bytes.</summary>
    private sealed record Storage(ScalarType Type, int ElementSize, byte[] Bytes);

    private sealed record StorageReference(string Key, ScalarType Type, int ElementSize, long Elements);

    /// <summary>The outer pickle: an OrderedDict of tensors rebuilt from storages.</summary>
    private sealed class StateDictHost(string path) : IPickleHost
    {
        public object Global(string module, string name) => (module, name) switch
        {
            ("collections", "OrderedDict") or ("torch._utils", "_rebuild_tensor_v2") or ("torch.storage", "_load_from_bytes") => new Global(module, name),
            _ => throw Refused(path, module, name),
        };

        public object? Reduce(object callable, object?[] arguments) => callable switch
        {
            Global { Name: "OrderedDict" } when arguments.Length == 0 => new PickleDictionary(),
            Global { Name: "_load_from_bytes" } when arguments is [byte[] blob] => ReadLegacyStorage(blob, path),
            Global { Name: "_rebuild_tensor_v2" } when arguments is [Storage storage, long offset, object?[] size, object?[] stride, ..] => Rebuild(storage, offset, size, stride, path),
            _ => throw new CheckpointException($"{path}: the pickle calls {callable} with arguments this reader does not expect; the file is not a state dict of tensors."),
        };

        public object? PersistentLoad(object? id) => throw new CheckpointException($"{path}: the pickle has persistent ids outside a storage blob; it is not a hub GHN file.");
    }

    /// <summary>The nested legacy format: magic number, protocol 1001, system info, the storage (a persistent id), its key, then its bytes.</summary>
    private static Storage ReadLegacyStorage(byte[] blob, string path)
    {
        var host = new StorageHost(path);
        var reader = new PickleReader(blob, host, path);
        if (reader.Read() is not BigInteger magic || magic != LegacyMagic || reader.Read() is not 1001L || reader.Read() is not PickleDictionary info)
        {
            throw new CheckpointException($"{path}: a tensor's storage is not in torch's legacy serialization format.");
        }

        if (info["little_endian"] is not true)
        {
            throw new CheckpointException($"{path}: a storage was written on a big-endian machine, which this reader does not convert.");
        }

        var storage = reader.Read() as StorageReference ?? throw new CheckpointException($"{path}: a storage blob does not hold a storage.");
        if (reader.Read() is not List<object?> { Count: 1 } keys || keys[0] as string != storage.Key)
        {
            throw new CheckpointException($"{path}: a storage blob lists other storages than the one it holds.");
        }

        var position = reader.Position;
        if (position + 8 > blob.Length)
        {
            throw new CheckpointException($"{path}: a storage blob ends before its data; the file is truncated.");
        }

        var elements = BitConverter.ToInt64(blob, position);
        var length = elements * storage.ElementSize;
        if (elements != storage.Elements || position + 8 + length > blob.Length)
        {
            throw new CheckpointException($"{path}: a storage of {storage.Elements} elements holds {elements} and {blob.Length - position - 8} bytes; the file is truncated or corrupt.");
        }

        return new Storage(storage.Type, storage.ElementSize, blob.AsSpan(position + 8, (int)length).ToArray());
    }

    /// <summary>The inner pickle: a persistent id <c>('storage', torch.FloatStorage, key, location, size)</c>.</summary>
    private sealed class StorageHost(string path) : IPickleHost
    {
        public object Global(string module, string name) =>
            module == "torch" && StorageTypes.ContainsKey(name) ? new Global(module, name) : throw Refused(path, module, name);

        public object? Reduce(object callable, object?[] arguments) =>
            throw new CheckpointException($"{path}: a storage blob calls {callable}; it is not a plain storage.");

        public object? PersistentLoad(object? id) => id is object?[] { Length: >= 5 } fields && fields[0] as string == "storage" && fields[1] is Global type
            && fields[2] is string key && fields[4] is long elements
            ? new StorageReference(key, StorageTypes[type.Name].Type, StorageTypes[type.Name].Size, elements)
            : throw new CheckpointException($"{path}: a storage blob's persistent id is not a storage.");
    }

    private static Tensor Rebuild(Storage storage, long offset, object?[] size, object?[] stride, string path)
    {
        var shape = size.Select(d => d is long n ? n : throw new CheckpointException($"{path}: a tensor's size is not a tuple of integers.")).ToArray();
        var strides = stride.Select(d => d is long n ? n : throw new CheckpointException($"{path}: a tensor's stride is not a tuple of integers.")).ToArray();
        var elements = storage.Bytes.Length / storage.ElementSize;
        var flat = storage.Type switch
        {
            ScalarType.Float32 => tensor(MemoryMarshal.Cast<byte, float>(storage.Bytes).ToArray()),
            ScalarType.Float64 => tensor(MemoryMarshal.Cast<byte, double>(storage.Bytes).ToArray()),
            ScalarType.Int64 => tensor(MemoryMarshal.Cast<byte, long>(storage.Bytes).ToArray()),
            ScalarType.Int32 => tensor(MemoryMarshal.Cast<byte, int>(storage.Bytes).ToArray()),
            var other => throw new CheckpointException($"{path}: a tensor of element type {other}, which a GHN checkpoint does not hold."),
        };
        var last = offset + shape.Zip(strides, (d, s) => (d - 1) * s).Sum();
        if (shape.Any(d => d == 0))
        {
            return zeros(shape, flat.dtype);
        }

        if (offset < 0 || last >= elements)
        {
            throw new CheckpointException($"{path}: a tensor reads beyond its storage of {elements} elements.");
        }

        return flat.as_strided(shape, strides, offset).contiguous();
    }

    private static CheckpointException Refused(string path, string module, string name) =>
        new($"{path}: the pickle asks for the Python global {module}.{name}, which a checkpoint of tensors does not need; refusing to read it (pickles can run code).");
}

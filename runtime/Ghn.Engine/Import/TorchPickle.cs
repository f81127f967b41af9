using System.Runtime.InteropServices;
using Ghn.Checkpoints;
using static TorchSharp.torch;

namespace Ghn.Import;

/// <summary>
/// The few Python globals a pickled PyTorch state dict names, and what they build: <c>collections.OrderedDict</c>,
/// <c>torch._utils._rebuild_tensor_v2</c> and <c>_rebuild_parameter</c>, <c>torch.storage._load_from_bytes</c>
/// (tensors pickled by torch's reducer, as joblib does) and the storage types. Any other global is refused by name.
/// </summary>
internal sealed class TorchPickle(string path, Func<TorchPickle.StorageId, object> loadStorage) : IPickleHost
{
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

    /// <summary>A storage's persistent id: <c>('storage', torch.FloatStorage, key, location, elements)</c>.</summary>
    public sealed record StorageId(string Key, ScalarType Type, int ElementSize, long Elements);

    /// <summary>A storage's element type and raw little-endian bytes.</summary>
    public sealed record Storage(ScalarType Type, int ElementSize, byte[] Bytes);

    /// <summary><c>torch.storage._load_from_bytes</c>: a storage in torch's legacy format (the hub's files).</summary>
    public Func<byte[], Storage>? LoadFromBytes { get; init; }

    public object Global(string module, string name) => (module, name) switch
    {
        ("collections", "OrderedDict") or ("torch._utils", "_rebuild_tensor_v2" or "_rebuild_parameter") => new PythonGlobal(module, name),
        ("torch.storage", "_load_from_bytes") when LoadFromBytes is not null => new PythonGlobal(module, name),
        ("torch", _) when StorageTypes.ContainsKey(name) => new PythonGlobal(module, name),
        _ => throw new CheckpointException($"{path}: the pickle asks for the Python global {module}.{name}, which a checkpoint of tensors does not need; refusing to read it (pickles can run code)."),
    };

    public object? Reduce(object callable, object?[] arguments) => callable switch
    {
        PythonGlobal { Name: "OrderedDict" } when arguments.Length == 0 => new PickleDictionary(),
        PythonGlobal { Name: "_load_from_bytes" } when arguments is [byte[] blob] => LoadFromBytes!(blob),
        PythonGlobal { Name: "_rebuild_tensor_v2" } when arguments is [Storage storage, long offset, object?[] size, object?[] stride, ..] => Rebuild(storage, offset, size, stride),
        PythonGlobal { Name: "_rebuild_parameter" } when arguments is [Tensor tensor, ..] => tensor,
        _ => throw new CheckpointException($"{path}: the pickle calls {callable} with arguments a state dict of tensors does not have."),
    };

    public object? PersistentLoad(object? id) =>
        id is object?[] { Length: >= 5 } fields && fields[0] as string == "storage" && fields[1] is PythonGlobal type && StorageTypes.TryGetValue(type.Name, out var element)
        && fields[2] is string key && fields[4] is long elements
            ? loadStorage(new StorageId(key, element.Type, element.Size, elements))
            : throw new CheckpointException($"{path}: the pickle has a persistent id that is not a tensor's storage.");

    private Tensor Rebuild(Storage storage, long offset, object?[] size, object?[] stride)
    {
        var shape = size.Select(d => d is long n ? n : throw new CheckpointException($"{path}: a tensor's size is not a tuple of integers.")).ToArray();
        var strides = stride.Select(d => d is long n ? n : throw new CheckpointException($"{path}: a tensor's stride is not a tuple of integers.")).ToArray();
        var flat = storage.Type switch
        {
            ScalarType.Float32 => tensor(MemoryMarshal.Cast<byte, float>(storage.Bytes).ToArray()),
            ScalarType.Float64 => tensor(MemoryMarshal.Cast<byte, double>(storage.Bytes).ToArray()),
            ScalarType.Int64 => tensor(MemoryMarshal.Cast<byte, long>(storage.Bytes).ToArray()),
            ScalarType.Int32 => tensor(MemoryMarshal.Cast<byte, int>(storage.Bytes).ToArray()),
            var other => throw new CheckpointException($"{path}: a tensor of element type {other}, which a GHN checkpoint does not hold."),
        };
        if (shape.Any(d => d == 0))
        {
            return zeros(shape, flat.dtype);
        }

        var last = offset + shape.Zip(strides, (d, s) => (d - 1) * s).Sum();
        return offset >= 0 && last < flat.shape[0]
            ? flat.as_strided(shape, strides, offset).contiguous()
            : throw new CheckpointException($"{path}: a tensor reads beyond its storage of {flat.shape[0]} elements; the file is truncated or corrupt.");
    }

    private sealed record PythonGlobal(string Module, string Name)
    {
        public override string ToString() => $"{Module}.{Name}";
    }
}

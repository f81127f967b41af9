using Ghn.Checkpoints;
using System.IO.Compression;
using System.Numerics;
using static TorchSharp.torch;

namespace Ghn.Import;

/// <summary>
/// Reads the GHN files of the reference's model hub (<c>ghn3tm8.pt</c> … <c>ghn3xlm16.pt</c>): a joblib pickle, plain
/// or zlib-compressed, of a bare state dict whose tensors torch's reducer pickled, each storage a nested legacy
/// <c>torch.save</c> blob. Only <c>OrderedDict</c>, torch's tensor and storage rebuilders and storage types are
/// allowed; any other global is refused by name, and nothing in the file is executed.
/// </summary>
internal static class HubCheckpoint
{
    private static readonly BigInteger LegacyMagic = BigInteger.Parse("119547037146038801333356", System.Globalization.CultureInfo.InvariantCulture);

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

        var host = new TorchPickle(path, _ => throw new CheckpointException($"{path}: the pickle has persistent ids outside a storage blob; it is not a hub GHN file."))
        {
            LoadFromBytes = blob => ReadLegacyStorage(blob, path),
        };
        var root = new PickleReader(bytes, host, path).Read();
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

    /// <summary>The nested legacy format: magic number, protocol 1001, system info, the storage (a persistent id), its key, then its bytes.</summary>
    private static TorchPickle.Storage ReadLegacyStorage(byte[] blob, string path)
    {
        var reader = new PickleReader(blob, new TorchPickle(path, id => id), path);
        if (reader.Read() is not BigInteger magic || magic != LegacyMagic || reader.Read() is not 1001L || reader.Read() is not PickleDictionary info)
        {
            throw new CheckpointException($"{path}: a tensor's storage is not in torch's legacy serialization format.");
        }

        if (info["little_endian"] is not true)
        {
            throw new CheckpointException($"{path}: a storage was written on a big-endian machine, which this reader does not convert.");
        }

        var storage = reader.Read() as TorchPickle.StorageId ?? throw new CheckpointException($"{path}: a storage blob does not hold a storage.");
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

        return new TorchPickle.Storage(storage.Type, storage.ElementSize, blob.AsSpan(position + 8, (int)length).ToArray());
    }
}

using System.IO.Compression;
using Ghn.Checkpoints;

namespace Ghn.Import;

/// <summary>
/// Reads <c>torch.save</c>'s zip format: <c>&lt;name&gt;/data.pkl</c>, whose persistent ids name the storages stored as
/// <c>&lt;name&gt;/data/&lt;key&gt;</c>. The pickle is read as data (<see cref="TorchPickle"/>), never executed.
/// </summary>
internal static class TorchZipCheckpoint
{
    /// <summary>The object the file holds (a trainer's <c>{'state_dict', 'config', 'epoch'}</c>).</summary>
    /// <exception cref="CheckpointException">The file is not such a zip, is truncated, or its pickle is not data of tensors.</exception>
    public static object? Read(string path)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException exception)
        {
            throw new CheckpointException($"{path}: not a readable PyTorch zip checkpoint (torch.save format): {exception.Message}", exception);
        }

        using (archive)
        {
            var pickle = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) || e.FullName == "data.pkl")
                ?? throw new CheckpointException($"{path}: not a readable PyTorch zip checkpoint (torch.save format): it has no data.pkl.");
            var prefix = pickle.FullName[..^"data.pkl".Length];
            var host = new TorchPickle(path, id =>
            {
                var entry = archive.GetEntry($"{prefix}data/{id.Key}")
                    ?? throw new CheckpointException($"{path}: the storage data/{id.Key} a tensor needs is missing; the file is truncated or corrupt.");
                var bytes = ReadAll(entry, path);
                return bytes.Length == id.Elements * id.ElementSize
                    ? new TorchPickle.Storage(id.Type, id.ElementSize, bytes)
                    : throw new CheckpointException($"{path}: the storage data/{id.Key} holds {bytes.Length} bytes instead of {id.Elements * id.ElementSize}; the file is truncated or corrupt.");
            });
            return new PickleReader(ReadAll(pickle, path), host, path).Read();
        }
    }

    private static byte[] ReadAll(ZipArchiveEntry entry, string path)
    {
        try
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (InvalidDataException exception)
        {
            throw new CheckpointException($"{path}: {entry.FullName} cannot be read ({exception.Message}); the file is truncated or corrupt.", exception);
        }
    }
}

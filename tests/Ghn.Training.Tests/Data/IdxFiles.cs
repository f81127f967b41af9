using System.Buffers.Binary;
using System.IO.Compression;

namespace Ghn.Training.Tests.Data;

/// <summary>Writes small IDX files, well-formed or damaged, for the loader tests.</summary>
internal static class IdxFiles
{
    public const int ImageSize = 28;

    /// <summary>The bytes of an unsigned-byte IDX file with the given magic rank and dimensions.</summary>
    public static byte[] Raw(int rank, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + (4 * dimensions.Length) + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, (0x08 << 8) | rank);
        for (var d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), dimensions[d]);
        }

        data.CopyTo(bytes, 4 + (4 * dimensions.Length));
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }

    /// <summary>A directory with a tiny, valid four-file dataset: <paramref name="trainCount"/> and <paramref name="testCount"/> images, label = index % 10, pixel = label * 20.</summary>
    public static string WriteDataset(int trainCount, int testCount)
    {
        var directory = Directory.CreateTempSubdirectory("ghn-idx-").FullName;
        WriteSet(directory, "train", trainCount);
        WriteSet(directory, "t10k", testCount);
        return directory;
    }

    public static byte[] Images(int count) =>
        Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat((byte)(i % 10 * 20), ImageSize * ImageSize)).ToArray();

    public static byte[] Labels(int count) => Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();

    private static void WriteSet(string directory, string prefix, int count)
    {
        File.WriteAllBytes(Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz"), Gzip(Raw(3, [count, ImageSize, ImageSize], Images(count))));
        File.WriteAllBytes(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz"), Gzip(Raw(1, [count], Labels(count))));
    }
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace Ghn.Training.Data;

/// <summary>
/// The IDX format of (Fashion-)MNIST: a big-endian magic number <c>0x00 0x00 type rank</c>, one big-endian
/// 32-bit size per dimension, then the raw values. Files are usually gzip-compressed; both forms are read.
/// </summary>
internal static class IdxFile
{
    /// <summary>The IDX type code of unsigned bytes, the only element type (Fashion-)MNIST uses.</summary>
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads an unsigned-byte IDX file of the given rank.</summary>
    /// <param name="stream">The file content, gzip-compressed or not.</param>
    /// <param name="rank">The expected number of dimensions (3 for images, 1 for labels).</param>
    /// <param name="source">The file name used in error messages.</param>
    /// <exception cref="InvalidDataException">The content is not such a file or is truncated; the message names the file.</exception>
    public static (int[] Dimensions, byte[] Data) Read(Stream stream, int rank, string source)
    {
        var content = Decompress(stream, source);
        var expectedMagic = (UnsignedByte << 8) | rank;
        if (content.Length < 4)
        {
            throw new InvalidDataException($"'{source}' is truncated: {content.Length} bytes, too short for an IDX header. Replace the file.");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(content);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"'{source}' is not an unsigned-byte IDX file of rank {rank}: magic number 0x{magic:x8}, expected 0x{expectedMagic:x8}. " +
                "Check that the file is the one its name says (images have rank 3, labels rank 1).");
        }

        var headerLength = 4 + (4 * rank);
        if (content.Length < headerLength)
        {
            throw new InvalidDataException($"'{source}' is truncated inside its header ({content.Length} of {headerLength} bytes). Replace the file.");
        }

        var dimensions = new int[rank];
        long expectedLength = 1;
        for (var d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(4 + (4 * d)));
            if (dimensions[d] < 0)
            {
                throw new InvalidDataException($"'{source}' declares a negative size {dimensions[d]} for dimension {d}; the file is corrupt.");
            }

            expectedLength *= dimensions[d];
        }

        var actualLength = content.Length - headerLength;
        if (actualLength != expectedLength)
        {
            var problem = actualLength < expectedLength ? "is truncated" : "has trailing bytes";
            throw new InvalidDataException(
                $"'{source}' {problem}: its header declares {string.Join("×", dimensions)} = {expectedLength} values but {actualLength} follow. Replace the file.");
        }

        return (dimensions, content.AsSpan(headerLength).ToArray());
    }

    /// <summary>Writes an unsigned-byte IDX file, gzip-compressed.</summary>
    public static void WriteCompressed(Stream stream, IReadOnlyList<int> dimensions, ReadOnlySpan<byte> data)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, (UnsignedByte << 8) | dimensions.Count);
        gzip.Write(word);
        foreach (var dimension in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, dimension);
            gzip.Write(word);
        }

        gzip.Write(data);
    }

    private static byte[] Decompress(Stream stream, string source)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var raw = buffer.ToArray();
        // 0x1f 0x8b opens every gzip member; an IDX header always starts with two zero bytes.
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
        {
            return raw;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            gzip.CopyTo(decompressed);
            return decompressed.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{source}' is a damaged gzip file ({e.Message}). Replace the file.", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{source}' is a truncated gzip file. Replace the file.", e);
        }
    }
}

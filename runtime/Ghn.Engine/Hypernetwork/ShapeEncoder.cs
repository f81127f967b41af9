using Ghn.Graphs;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// GHN-2/GHN-3 shape encoder: each parameter (or pooling) node's shape, made 4-D, is mapped to indices into a
/// fixed vocabulary of channel counts and kernel sizes; the four embeddings (out, in, height, width), each
/// <c>hid/4</c> wide, are concatenated and added to the node-type embedding. Nodes without a shape use a
/// dedicated last row.
/// </summary>
internal sealed class ShapeEncoder : nn.Module
{
    [ComponentName(Name = "embed_spatial")]
    private readonly Embedding _embedSpatial;

    [ComponentName(Name = "embed_channel")]
    private readonly Embedding _embedChannel;

    private readonly int[] _channels;
    private readonly int[] _spatial;

    public ShapeEncoder(int hid, int numClasses, IReadOnlyList<int> maxShape)
        : base("shape_enc")
    {
        // The vocabulary the reference trained on: 1, 3, the class count, multiples of 8 below 64,
        // of 16 below 4096 and of 32 up to 8192; odd kernel sizes below max(12, max kernel), plus 14 and 16.
        _channels = new[] { 1, 3, numClasses }
            .Concat(Range(8, 64, 8)).Concat(Range(64, 4096, 16)).Concat(Range(4096, 8192 + 1, 32))
            .Distinct().Order().ToArray();
        _spatial = Range(1, Math.Max(12, maxShape[3]), 2).Concat([14, 16]).Distinct().Order().ToArray();
        _embedSpatial = nn.Embedding(_spatial.Length + 1, hid / 4);
        _embedChannel = nn.Embedding(_channels.Length + 1, hid / 4);
        RegisterComponents();
    }

    /// <summary>The four vocabulary indices (out, in, height, width) of a node's shape, or the "no shape" row.</summary>
    public long[] Indices(IReadOnlyList<int>? shape)
    {
        if (shape is null)
        {
            return [_channels.Length, _channels.Length, _spatial.Length, _spatial.Length];
        }

        var shape4 = ReferenceShape.To4D(shape);
        return [ChannelIndex(shape4[0]), ChannelIndex(shape4[1]), SpatialIndex(shape4[2]), SpatialIndex(shape4[3])];
    }

    /// <summary>Embeds indices of shape (..., 4) into (..., hid).</summary>
    public Tensor Encode(Tensor indices) => cat(
    [
        _embedChannel.call(indices.select(-1, 0)),
        _embedChannel.call(indices.select(-1, 1)),
        _embedSpatial.call(indices.select(-1, 2)),
        _embedSpatial.call(indices.select(-1, 3)),
    ], -1);

    private int ChannelIndex(int channels)
    {
        var exact = Array.IndexOf(_channels, channels);
        if (exact >= 0)
        {
            return exact;
        }

        // Unseen counts: 4-7 count as 8, others below the largest take the nearest (the smaller on a tie),
        // anything else the largest.
        if (channels is >= 4 and < 8)
        {
            return Array.IndexOf(_channels, 8);
        }

        return channels >= 1 && channels < _channels[^1] ? Nearest(_channels, channels) : _channels.Length - 1;
    }

    private int SpatialIndex(int size)
    {
        var exact = Array.IndexOf(_spatial, size);
        if (exact >= 0)
        {
            return exact;
        }

        // 2x2 kernels were never seen in training and count as 3x3.
        if (size == 2)
        {
            return Array.IndexOf(_spatial, 3);
        }

        return size >= 1 && size < _spatial[^1] ? Nearest(_spatial, size) : _spatial.Length - 1;
    }

    private static int Nearest(int[] sorted, int value)
    {
        var best = 0;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (Math.Abs(sorted[i] - value) < Math.Abs(sorted[best] - value))
            {
                best = i;
            }
        }

        return best;
    }

    private static IEnumerable<int> Range(int start, int stop, int step)
    {
        for (var value = start; value < stop; value += step)
        {
            yield return value;
        }
    }
}

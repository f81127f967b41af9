using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// Fits a decoded tensor to the parameter's real shape (the reference's <c>_tile_params</c>): slice what is too
/// large (spatially around the centre; GHN-2 from the top-left corner), repeat along the channel dimensions what
/// is too small, then cut to size.
/// </summary>
internal static class ParameterTiling
{
    public static Tensor Tile(Tensor w, IReadOnlyList<int> target, bool cropFromCorner = false)
    {
        Tensor Crop(Tensor x, long height, long width) =>
            cropFromCorner ? x.narrow(2, 0, Math.Min(height, x.shape[2])).narrow(3, 0, Math.Min(width, x.shape[3])) : CentreCrop(x, height, width);
        w = SliceToTargetRank(w, target, Crop);
        if (w.dim() != target.Count)
        {
            throw new InvalidOperationException($"Cannot fit a decoded tensor of shape [{string.Join(", ", w.shape)}] to [{string.Join(", ", target)}].");
        }

        // Out channels, then in channels (or, for 3-D tensors without an in-channel deficit, the third
        // dimension) are tiled; both in one copy.
        var repeats = Enumerable.Repeat(1L, target.Count).ToArray();
        repeats[0] = Repeats(w.shape[0], target[0]);
        if (target.Count > 1 && target[1] > w.shape[1])
        {
            repeats[1] = Repeats(w.shape[1], target[1]);
        }
        else if (target.Count == 3)
        {
            repeats[2] = Repeats(w.shape[2], target[2]);
        }

        if (repeats.Any(r => r > 1))
        {
            w = w.repeat(repeats);
        }

        w = w.narrow(0, 0, target[0]);
        if (target.Count > 1)
        {
            w = w.narrow(1, 0, target[1]);
        }

        if (target.Count == 3)
        {
            w = w.narrow(2, 0, target[2]);
        }
        else if (target.Count == 4)
        {
            w = Crop(w, target[2], target[3]);
        }

        return w;
    }

    private static Tensor SliceToTargetRank(Tensor w, IReadOnlyList<int> t, Func<Tensor, long, long, Tensor> crop)
    {
        var s = w.shape;
        Tensor Head(Tensor x, int dimension, long size) => x.narrow(dimension, 0, Math.Min(size, x.shape[dimension]));
        Tensor Centre(Tensor x) => x.select(-1, x.shape[^1] / 2).select(-1, x.shape[^2] / 2);

        switch (t.Count)
        {
            case 1:
                w = Head(w, 0, t[0]);
                return s.Length switch
                {
                    1 => w,
                    2 => w.select(1, 0),
                    _ => Centre(w).flatten(1).select(1, 0),
                };
            case 2:
                w = Head(Head(w, 0, t[0]), 1, t[1]);
                return s.Length > 2 ? Head(PositionsAsColumns(w), 1, t[1]) : w;
            case 3:
                if (s.Length > 3)
                {
                    // A position embedding decoded as (1, width, s, s): its s·s positions as rows, then the class
                    // token's row in front (the reference's GHNs were trained on ViTs without one).
                    w = w.reshape(s[0], s[1], -1).permute(0, 2, 1);
                    w = Head(Head(Head(w, 0, t[0]), 1, t[1]), 2, t[2]);
                    return cat([ClassTokenPosition(w), w], 1);
                }

                return Head(Head(Head(w, 0, t[0]), 1, t[1]), 2, t[2]);
            default:
                w = Head(Head(w, 0, t[0]), 1, t[1]);
                return s.Length > 2 ? crop(w, Math.Min(t[2], s[2]), Math.Min(t[3], s[3])) : w.unsqueeze(2).unsqueeze(3);
        }
    }

    /// <summary>
    /// A (out, in, h, w) block for a 2-D weight as (out, h·w·in): the columns of each position side by side, the centre's
    /// first. A block decoded at the centre only (the reference's key for 2-D weights) is just its (out, in) slice; a
    /// wide linear layer of <see cref="GhnDecoder.ConvWideLinear"/> is decoded at every position.
    /// </summary>
    private static Tensor PositionsAsColumns(Tensor w)
    {
        var (outChannels, inChannels, positions) = (w.shape[0], w.shape[1], w.shape[2] * w.shape[3]);
        var centre = (w.shape[2] / 2 * w.shape[3]) + (w.shape[3] / 2);
        var centreFirst = arange(positions, device: w.device).add(centre).remainder(positions);
        return w.reshape(outChannels, inChannels, positions).index_select(2, centreFirst).permute(0, 2, 1).reshape(outChannels, positions * inChannels);
    }

    /// <summary>
    /// The reference draws the class token's position from N(0, 0.02²) with the global generator, so its value differs
    /// from run to run; a build must be repeatable, so the same distribution is drawn here from a fixed seed.
    /// </summary>
    private static Tensor ClassTokenPosition(Tensor positions)
    {
        using var generator = new Generator(ClassTokenSeed, positions.device);
        return normal(0, 0.02, [positions.shape[0], 1, positions.shape[2]], positions.dtype, positions.device, generator: generator);
    }

    private const ulong ClassTokenSeed = 0;

    private static Tensor CentreCrop(Tensor w, long height, long width)
    {
        var (rowCentre, colCentre) = (w.shape[2] / 2, w.shape[3] / 2);
        var rowStart = Math.Max(0, rowCentre - (height / 2));
        var colStart = Math.Max(0, colCentre - (width / 2));
        return w.narrow(2, rowStart, Math.Min(w.shape[2], rowCentre + ((height + 1) / 2)) - rowStart)
            .narrow(3, colStart, Math.Min(w.shape[3], colCentre + ((width + 1) / 2)) - colStart);
    }

    private static long Repeats(long size, long target) => target > size ? (target + size - 1) / size : 1;
}

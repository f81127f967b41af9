namespace Ghn.Graphs;

/// <summary>
/// The <c>indices</c> attribute of <see cref="OpKind.Slice"/>: four integers per position (kind, start, stop, step),
/// and what a position does to the dimensions it covers.
/// </summary>
public static class TensorIndices
{
    /// <summary>Marks an open bound (<c>..</c> without a start or stop) and an omitted step.</summary>
    public const int Open = int.MinValue;

    /// <summary>Position kind: one index, which removes the dimension.</summary>
    public const int Single = 0;

    /// <summary>Position kind: a range of a dimension.</summary>
    public const int Range = 1;

    /// <summary>Position kind: every dimension no other position names.</summary>
    public const int Ellipsis = 2;

    /// <summary>Position kind: a new dimension of size one.</summary>
    public const int NewAxis = 3;

    /// <summary>The output shape of indexing a tensor of shape <paramref name="shape"/> with <paramref name="indices"/>.</summary>
    /// <exception cref="GraphFormatException">An index is out of range or there are more positions than dimensions.</exception>
    public static int[] Apply(IReadOnlyList<int> indices, IReadOnlyList<int> shape)
    {
        var positions = indices.Count / 4;
        var named = Enumerable.Range(0, positions).Count(p => indices[4 * p] is Single or Range);
        if (named > shape.Count || indices.Count % 4 != 0)
        {
            throw new GraphFormatException($"{positions} index positions for a tensor of shape [{string.Join(", ", shape)}]");
        }

        var result = new List<int>();
        var dim = 0;
        for (var p = 0; p < positions; p++)
        {
            var (kind, start, stop, step) = (indices[4 * p], indices[(4 * p) + 1], indices[(4 * p) + 2], indices[(4 * p) + 3]);
            switch (kind)
            {
                case Single:
                    var index = start < 0 ? start + shape[dim] : start;
                    if (index < 0 || index >= shape[dim])
                    {
                        throw new GraphFormatException($"index {start} is out of range for dimension {dim} of size {shape[dim]}");
                    }

                    dim++;
                    break;
                case Range:
                    result.Add(RangeLength(shape[dim], start, stop, step == Open ? 1 : step));
                    dim++;
                    break;
                case Ellipsis:
                    var covered = shape.Count - named;
                    result.AddRange(shape.Skip(dim).Take(covered));
                    dim += covered;
                    break;
                default:
                    result.Add(1);
                    break;
            }
        }

        result.AddRange(shape.Skip(dim));
        return [.. result];
    }

    /// <summary>The length of <c>start..stop</c> with a positive <paramref name="step"/> in a dimension of <paramref name="size"/>, clamped as Python slices are.</summary>
    private static int RangeLength(int size, int start, int stop, int step)
    {
        if (step <= 0)
        {
            throw new GraphFormatException($"slice step {step} is not positive");
        }

        int Clamp(int bound, int open) => bound == Open ? open : Math.Min(size, Math.Max(0, bound < 0 ? bound + size : bound));
        var (from, to) = (Clamp(start, 0), Clamp(stop, size));
        return to > from ? ((to - from + step - 1) / step) : 0;
    }
}

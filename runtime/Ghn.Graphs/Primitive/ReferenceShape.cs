namespace Ghn.Graphs;

/// <summary>The reference GHNs' 4-D view of a parameter's shape, which their shape encoder and decoder work in.</summary>
public static class ReferenceShape
{
    /// <summary>
    /// (c) → (c, 1, 1, 1), (o, i) → (o, i, 1, 1), (a, b, c) → (a, b, c, 1), and a (1, positions, width) position
    /// embedding → (1, width, s, s) with s = ⌊√positions⌋: its positions laid out as a square image.
    /// </summary>
    /// <exception cref="ArgumentException">The shape has fewer than 1 or more than 4 dimensions.</exception>
    public static int[] To4D(IReadOnlyList<int> shape)
    {
        if (IsPositionEmbedding(shape))
        {
            var side = (int)Math.Floor(Math.Sqrt(shape[1]));
            return [1, shape[2], side, side];
        }

        return shape.Count switch
        {
            1 => [shape[0], 1, 1, 1],
            2 => [shape[0], shape[1], 1, 1],
            3 => [shape[0], shape[1], shape[2], 1],
            4 => [shape[0], shape[1], shape[2], shape[3]],
            _ => throw new ArgumentException($"Parameter shapes have 1 to 4 dimensions, not {shape.Count}."),
        };
    }

    /// <summary>Whether a shape is one the reference predicts as a position embedding: (1, positions, width), both above 1.</summary>
    public static bool IsPositionEmbedding(IReadOnlyList<int> shape) => shape is [1, > 1, > 1];
}

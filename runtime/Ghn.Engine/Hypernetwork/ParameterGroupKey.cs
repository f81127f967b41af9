using Ghn.Graphs;

namespace Ghn;

/// <summary>How a group of parameter nodes is decoded.</summary>
internal enum DecoderKind
{
    /// <summary>Conv or linear weight: the conv decoder, (out, in, h, w).</summary>
    Weight,

    /// <summary>The classifier weight: the conv decoder's classifier head, (num_classes, in).</summary>
    ClassifierWeight,

    /// <summary>A 1-D tensor (bias, norm weight and bias): <c>decoder_1d</c>, two vectors.</summary>
    Vector,

    /// <summary>The classifier bias: <c>decoder_1d</c> then <c>bias_class</c>.</summary>
    ClassifierBias,

    /// <summary>A 3-D tensor (e.g. a layer scale): <c>decoder_1d</c> as one (2·max_ch, 1, 1) block.</summary>
    Tensor3D,
}

/// <summary>
/// The reference's grouping key of a parameter node (<c>_map_net_params</c>): nodes with equal keys are
/// decoded in one batch. Channel dimensions are rounded so that similar shapes share a group: clipped to
/// max_shape, multiples of 3 raised to the next multiple of 4, and anything at least half of max_shape
/// raised to max_shape. Since the decoder's output is sliced to the key, the rounding only affects speed.
/// </summary>
internal readonly record struct ParameterGroupKey(DecoderKind Kind, int Out, int In, int Height, int Width)
{
    /// <param name="node">The parameter node.</param>
    /// <param name="maxShape">The GHN's max_shape.</param>
    /// <param name="wideLinearPositions">
    /// <see cref="GhnDecoder.ConvWideLinear"/>: a 2-D weight with more inputs than max_in is decoded at every kernel
    /// position, which tiling lays side by side as further input columns (otherwise at the centre only, as the reference).
    /// </param>
    public static ParameterGroupKey For(PrimitiveNode node, IReadOnlyList<int> maxShape, bool wideLinearPositions)
    {
        var shape = node.Shape ?? throw new ArgumentException($"Parameter node {node} has no shape.");
        int Rounded(int dimension)
        {
            var n = Math.Min(shape[dimension], maxShape[dimension]);
            if (n % 3 == 0)
            {
                n = n / 3 * 4;
            }

            return n >= maxShape[dimension] / 2.0 ? maxShape[dimension] : n;
        }

        if (shape.Count == 1)
        {
            return new(node.Classifier == ClassifierRole.Bias ? DecoderKind.ClassifierBias : DecoderKind.Vector, Rounded(0), 0, 1, 1);
        }

        var linearSide = wideLinearPositions && shape.Count == 2 && shape[1] > maxShape[1] ? maxShape[2] : 1;
        if (node.Classifier == ClassifierRole.Weight)
        {
            return new(DecoderKind.ClassifierWeight, Rounded(0), Rounded(1), linearSide, linearSide);
        }

        return shape.Count switch
        {
            2 => new(DecoderKind.Weight, Rounded(0), Rounded(1), linearSide, linearSide),
            // A position embedding is decoded as the square image of its positions, at its full width.
            3 when ReferenceShape.IsPositionEmbedding(shape) => FromDecoderShape(ReferenceShape.To4D(shape)),
            3 => new(DecoderKind.Tensor3D, Rounded(0), Rounded(1), Rounded(2), 1),
            4 => new(DecoderKind.Weight, Rounded(0), Rounded(1), shape[2], shape[3]),
            _ => throw new ArgumentException($"Parameter node {node}: shapes have 1 to 4 dimensions."),
        };
    }

    private static ParameterGroupKey FromDecoderShape(int[] shape) => new(DecoderKind.Weight, shape[0], shape[1], shape[2], shape[3]);

    /// <summary>The (out, in, h, w) the conv decoder is asked for.</summary>
    public int[] DecoderShape => [Out, In, Height, Width];
}

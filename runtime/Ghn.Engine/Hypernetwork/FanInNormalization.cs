using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// GHN-2's normalisation of predicted parameters (<c>weight_norm</c>): weights are scaled by
/// sqrt(β / fan-in), with β = 2 for layers followed by ReLU and β = 1 for depthwise and asymmetric kernels;
/// norm weights are squashed into (0, 2) and biases into (-1, 1).
/// </summary>
internal static class FanInNormalization
{
    /// <summary>Normalises <paramref name="p"/>, a prediction for a parameter of shape <paramref name="shape"/> (before or after tiling: the result is the same).</summary>
    public static Tensor Normalize(Tensor p, IReadOnlyList<int> shape, bool isWeight, bool isPositionalEncoding)
    {
        if (shape.Count == 1)
        {
            return isWeight ? p.mul(0.5).sigmoid().mul(2) : p.mul(0.2).tanh();
        }

        // Position embeddings are not weights of a layer and keep their scale (the reference recognises
        // them by this shape and asserts they are one).
        if (isPositionalEncoding && shape.Count > 2 && shape[2] >= 11 && shape[0] == 1)
        {
            return p;
        }

        var noRelu = shape.Count > 2 && (shape[1] == 1 || (shape.Count > 3 && shape[2] < shape[3]));
        var beta = noRelu ? 1.0 : 2.0;
        var fanIn = shape.Skip(1).Aggregate(1L, (n, d) => n * d);
        return p.mul(Math.Sqrt(beta / fanIn));
    }
}

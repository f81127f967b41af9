using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// GHN-2's normalisation of predicted parameters (<c>weight_norm</c>): weights are scaled by
/// sqrt(β / fan-in), with β = 2 for layers followed by ReLU and β = 1 for depthwise and asymmetric kernels;
/// norm weights are squashed into (0, 2) and biases into (-1, 1).
/// </summary>
internal static class FanInNormalization
{
    public static Tensor Normalize(Tensor p, bool isWeight, bool isPositionalEncoding)
    {
        if (p.dim() == 1)
        {
            return isWeight ? p.mul(0.5).sigmoid().mul(2) : p.mul(0.2).tanh();
        }

        var shape = p.shape;

        // Position embeddings are not weights of a layer and keep their scale (the reference recognises
        // them by this shape and asserts they are one).
        if (isPositionalEncoding && shape.Length > 2 && shape[2] >= 11 && shape[0] == 1)
        {
            return p;
        }

        var noRelu = shape.Length > 2 && (shape[1] == 1 || shape[2] < shape[3]);
        var beta = noRelu ? 1.0 : 2.0;
        var fanIn = shape.Skip(1).Aggregate(1L, (n, d) => n * d);
        return p.mul(Math.Sqrt(beta / fanIn));
    }
}

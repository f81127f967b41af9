using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>A GHN's decoder of weight tensors (<see cref="ConvDecoder"/> or <see cref="LowRankDecoder"/>, as <see cref="GhnConfig.Decoder"/> says).</summary>
internal interface IWeightDecoder
{
    /// <summary>The layers that make the decoded values, scaled down at initialisation as the reference does for stable early training.</summary>
    IEnumerable<Linear> OutputLayers { get; }

    /// <summary>
    /// Decodes node embeddings (n, hid) for the parameter group <paramref name="key"/> (out, in, h, w).
    /// Returns (n, min(out, max_out), min(in, max_in), h, w), with num_classes for out for the classifier.
    /// </summary>
    Tensor Decode(Tensor x, IReadOnlyList<int> key, bool classifier);

    /// <summary>Kernels larger than a decoder's (n, out, in, h', w') output are interpolated from it.</summary>
    static Tensor ResizeKernels(Tensor w, int height, int width)
    {
        if (Math.Min(height, width) <= Math.Min(w.shape[3], w.shape[4]))
        {
            return w;
        }

        var (n, outChannels, inChannels) = (w.shape[0], w.shape[1], w.shape[2]);
        return nn.functional.interpolate(w.flatten(0, 1), [height, width], mode: InterpolationMode.Bilinear, align_corners: false)
            .view(n, outChannels, inChannels, height, width);
    }
}

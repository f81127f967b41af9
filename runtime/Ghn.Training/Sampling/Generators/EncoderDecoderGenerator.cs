using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// U-Net-style classifiers: an encoder of convolution blocks at 28, 14 (and 7) pixels, a decoder that upsamples
/// with transposed convolutions or interpolation and fuses the encoder's skip connections by concatenation or sum,
/// normalised with BatchNorm, GroupNorm, InstanceNorm or nothing; a pooled head, sometimes ending in log-softmax.
/// </summary>
internal sealed class EncoderDecoderGenerator : IArchitectureGenerator
{
    private enum Norm
    {
        None,
        Batch,
        Group,
        Instance,
    }

    public string Name => "unet";

    public Feature Build(SamplingContext c)
    {
        var b = c.Builder;
        var norm = c.UseBatchNorm ? c.Choose(Norm.Batch, Norm.Group, Norm.Instance) : c.Choose(Norm.None, Norm.Group);
        var affine = c.Chance(0.75);
        var width = c.Width();
        var levels = c.Between(2, 3);
        var skips = new List<Feature>();
        var x = b.Input;
        for (var level = 0; level < levels; level++)
        {
            if (level > 0)
            {
                x = b.MaxPool(x, null, kernel: 2, stride: 2);
            }

            x = Block(c, x, $"down{level}", c.Widen(width, 1 << level), norm, affine);
            skips.Add(x);
        }

        var concatenate = c.Chance(0.6);
        var transposed = c.Chance(0.5);
        for (var level = levels - 2; level >= 0; level--)
        {
            var skip = skips[level];
            var up = transposed
                ? b.ConvTranspose(x, $"up{level}", skip.Channels, kernel: 2, stride: 2, bias: true)
                : b.Conv(b.Upsample(x, $"up{level}", 2, c.Choose("nearest", "bilinear")), $"up{level}_proj", skip.Channels, 1, bias: true);
            x = Block(c, concatenate ? b.Concat([up, skip]) : b.Sum([up, skip]), $"fuse{level}", skip.Channels, norm, affine);
        }

        x = c.Chance(0.5) ? b.Flatten(b.AdaptiveMaxPool(x, "gather", c.Choose(1, 2))) : b.SpatialMean(x, keepDimensions: false);
        var logits = b.Linear(x, "head", c.Task.ClassCount);
        return c.Chance(0.3) ? b.LogSoftmax(logits, 1, "log_softmax") : logits;
    }

    /// <summary>One or two 3×3 convolutions, each followed by the network's normalisation and activation.</summary>
    private static Feature Block(SamplingContext c, Feature x, string module, int channels, Norm norm, bool affine)
    {
        var b = c.Builder;
        var names = new SequentialNames(module);
        var convolutions = c.Between(1, 2);
        for (var i = 0; i < convolutions; i++)
        {
            x = b.Conv(x, names.Next(), channels, 3, bias: norm is Norm.None or Norm.Instance);
            x = norm switch
            {
                Norm.Batch => b.BatchNorm(x, names.Next()),
                Norm.Group => b.GroupNorm(x, names.Next(), c.Choose(1, 2, 4), affine),
                Norm.Instance => b.InstanceNorm(x, names.Next(), affine),
                _ => x,
            };
            x = c.Act(x, names.Next());
        }

        return x;
    }
}

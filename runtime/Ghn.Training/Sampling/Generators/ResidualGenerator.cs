using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// ResNets (He et al.; torchvision's names: <c>conv1</c>, <c>layer1.0.conv1</c>, <c>layer2.0.downsample.0</c>, <c>fc</c>):
/// a stem, 2–3 stages of basic (3×3, 3×3) or bottleneck (1×1, 3×3, 1×1) blocks, each stage after the first
/// halving the resolution and doubling the width. Shortcuts are drawn per network: 1×1 projections where
/// shapes change (sometimes on every block), or identity only, with the changes of shape made by a
/// transition conv between stages instead. With <c>squeezeExcitation</c> every block gates its residual
/// branch with a squeeze-and-excitation block before the sum (SE-ResNet).
/// </summary>
internal sealed class ResidualGenerator(bool squeezeExcitation) : IArchitectureGenerator
{
    public string Name => squeezeExcitation ? "se-resnet" : "resnet";

    public Feature Build(SamplingContext c)
    {
        var b = c.Builder;
        var blocks = c.Units();
        var stages = Math.Min(blocks, c.Between(2, 3));
        var bottleneck = c.Chance(0.3);
        var projection = c.Chance(0.6);
        var projectAlways = projection && c.Chance(0.2);

        var channels = c.Width();
        var x = b.Conv(b.Input, "conv1", channels, 3, stride: c.Chance(0.3) ? 2 : 1, bias: !c.UseBatchNorm);
        x = c.Act(c.Norm(x, "bn1"));

        var stageBlocks = c.Spread(blocks, stages);
        for (var stage = 0; stage < stages; stage++)
        {
            var stride = stage > 0 && SamplingContext.CanReduce(x) ? 2 : 1;
            if (stage > 0)
            {
                channels = c.Widen(channels, 2);
            }

            if (!projection && (stride != 1 || x.Channels != channels))
            {
                x = b.Conv(x, $"transition{stage}.conv", channels, 3, stride, bias: !c.UseBatchNorm);
                x = c.Act(c.Norm(x, $"transition{stage}.bn"));
                stride = 1;
            }

            for (var block = 0; block < stageBlocks[stage]; block++)
            {
                x = Block(c, $"layer{stage + 1}.{block}", x, channels, block == 0 ? stride : 1, bottleneck, projectAlways);
            }
        }

        return ClassifierHead.Append(c, x);
    }

    private Feature Block(SamplingContext c, string prefix, Feature x, int channels, int stride, bool bottleneck, bool projectAlways)
    {
        var b = c.Builder;
        var bias = !c.UseBatchNorm;
        Feature branch;
        if (bottleneck)
        {
            var width = Math.Max(4, channels / 2);
            branch = c.Act(c.Norm(b.Conv(x, $"{prefix}.conv1", width, 1, bias: bias), $"{prefix}.bn1"));
            branch = c.Act(c.Norm(b.Conv(branch, $"{prefix}.conv2", width, 3, stride, bias: bias), $"{prefix}.bn2"));
            branch = c.Norm(b.Conv(branch, $"{prefix}.conv3", channels, 1, bias: bias), $"{prefix}.bn3");
        }
        else
        {
            branch = c.Act(c.Norm(b.Conv(x, $"{prefix}.conv1", channels, 3, stride, bias: bias), $"{prefix}.bn1"));
            branch = c.Norm(b.Conv(branch, $"{prefix}.conv2", channels, 3, bias: bias), $"{prefix}.bn2");
        }

        if (squeezeExcitation)
        {
            branch = c.SqueezeExcitation(branch, $"{prefix}.se", Math.Max(4, channels / c.Choose(4, 8, 16)), hardGate: false);
        }

        var shortcut = x;
        if (projectAlways || stride != 1 || x.Channels != channels)
        {
            shortcut = c.Norm(b.Conv(x, $"{prefix}.downsample.0", channels, 1, stride, bias: bias), $"{prefix}.downsample.1");
        }

        return c.Act(b.Sum([branch, shortcut]));
    }
}

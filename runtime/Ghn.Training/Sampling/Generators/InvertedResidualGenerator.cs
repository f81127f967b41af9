using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// MobileNetV2/V3-style networks (Sandler et al., Howard et al.): inverted residual blocks (1×1 expansion,
/// k×k depthwise conv — a grouped conv with one group per channel —, optional squeeze-and-excitation with a
/// hard-sigmoid gate, linear 1×1 projection), a residual sum wherever the block keeps the shape, ReLU6 or
/// hard-swish, the resolution halved at the first block of each of 2–3 stages, and a final 1×1 conv.
/// </summary>
internal sealed class InvertedResidualGenerator : IArchitectureGenerator
{
    public string Name => "mobilenet";

    public Feature Build(SamplingContext c)
    {
        var b = c.Builder;
        // MobileNets use their own nonlinearities whatever the network-wide draw says.
        var activation = c.Choose(Activation.Relu6, Activation.Relu6, Activation.Hardswish, Activation.Relu);
        var blocks = c.Units();
        var stages = Math.Min(blocks, c.Between(2, 3));
        var squeezeExcitation = c.Chance(0.4);
        var bias = !c.UseBatchNorm;

        var channels = c.Width();
        var x = b.Conv(b.Input, "features.0.0", channels, 3, stride: c.Chance(0.5) ? 2 : 1, bias: bias);
        x = b.Activate(c.Norm(x, "features.0.1"), activation, "features.0.2");

        var index = 1;
        var stageBlocks = c.Spread(blocks, stages);
        for (var stage = 0; stage < stages; stage++)
        {
            var outChannels = stage == 0 ? channels : c.Widen(x.Channels, c.Choose(1.5, 2.0));
            for (var block = 0; block < stageBlocks[stage]; block++, index++)
            {
                var stride = block == 0 && stage > 0 && SamplingContext.CanReduce(x) ? 2 : 1;
                var prefix = $"features.{index}";
                var hidden = x.Channels * c.Choose(1, 2, 3, 4, 6);
                var h = x;
                if (hidden != x.Channels)
                {
                    h = b.Conv(h, $"{prefix}.expand.0", hidden, 1, bias: bias);
                    h = b.Activate(c.Norm(h, $"{prefix}.expand.1"), activation, $"{prefix}.expand.2");
                }

                h = b.Conv(h, $"{prefix}.depthwise.0", hidden, c.Choose(3, 3, 5), stride, groups: hidden, bias: bias);
                h = b.Activate(c.Norm(h, $"{prefix}.depthwise.1"), activation, $"{prefix}.depthwise.2");
                if (squeezeExcitation && c.Chance(0.5))
                {
                    h = c.SqueezeExcitation(h, $"{prefix}.se", Math.Max(4, hidden / 4), hardGate: true);
                }

                h = c.Norm(b.Conv(h, $"{prefix}.project.0", outChannels, 1, bias: bias), $"{prefix}.project.1");
                x = stride == 1 && x.Channels == outChannels ? b.Sum([x, h]) : h;
            }
        }

        x = b.Conv(x, $"features.{index}.0", c.Widen(x.Channels, c.Choose(1.0, 2.0, 4.0)), 1, bias: bias);
        x = b.Activate(c.Norm(x, $"features.{index}.1"), activation, $"features.{index}.2");
        return ClassifierHead.Append(c, x);
    }
}

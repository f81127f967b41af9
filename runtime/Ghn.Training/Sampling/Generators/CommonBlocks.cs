using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>Building blocks shared by several generators.</summary>
internal static class CommonBlocks
{
    /// <summary>BatchNorm when the network uses it, otherwise nothing.</summary>
    public static Feature Norm(this SamplingContext c, Feature x, string module) => c.UseBatchNorm ? c.Builder.BatchNorm(x, module) : x;

    /// <summary>The network's activation.</summary>
    public static Feature Act(this SamplingContext c, Feature x, string? module = null) => c.Builder.Activate(x, c.Activation, module);

    /// <summary>
    /// Conv → (BatchNorm) → activation as consecutive children of a <c>Sequential</c>. The conv has a bias
    /// exactly when no BatchNorm follows, as hand-written models do.
    /// </summary>
    public static Feature ConvNormAct(this SamplingContext c, Feature x, SequentialNames names, int outChannels, int kernel, int stride = 1, int groups = 1)
    {
        x = c.Builder.Conv(x, names.Next(), outChannels, kernel, stride, groups: groups, bias: !c.UseBatchNorm);
        if (c.UseBatchNorm)
        {
            x = c.Builder.BatchNorm(x, names.Next());
        }

        return c.Act(x, names.Next());
    }

    /// <summary>
    /// Squeeze-and-excitation (Hu et al.; torchvision's layout): spatial mean, 1×1 conv down to
    /// <paramref name="squeezeChannels"/>, ReLU, 1×1 conv back, sigmoid gate, channel-wise product.
    /// </summary>
    public static Feature SqueezeExcitation(this SamplingContext c, Feature x, string module, int squeezeChannels, bool hardGate)
    {
        var b = c.Builder;
        var squeezed = c.Chance(0.5) ? b.AdaptiveAvgPool(x, $"{module}.avgpool") : b.SpatialMean(x, keepDimensions: true);
        squeezed = b.Conv(squeezed, $"{module}.fc1", Math.Max(2, squeezeChannels), 1, bias: true);
        squeezed = b.Activate(squeezed, Activation.Relu);
        squeezed = b.Conv(squeezed, $"{module}.fc2", x.Channels, 1, bias: true);
        return b.Multiply(x, b.Gate(squeezed, hardGate));
    }
}

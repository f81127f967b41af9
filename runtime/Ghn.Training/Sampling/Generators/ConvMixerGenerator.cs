using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// ConvMixer-style networks ("Patches Are All You Need?"): a patch-embedding convolution (kernel = stride), then
/// blocks of a residual depthwise convolution and a pointwise convolution, each followed by the nonlinearity and
/// then BatchNorm (the reverse of the usual order), at one resolution throughout.
/// </summary>
internal sealed class ConvMixerGenerator : IArchitectureGenerator
{
    public string Name => "convmixer";

    public Feature Build(SamplingContext c)
    {
        var b = c.Builder;
        var activation = c.Chance(0.7) ? Activation.Gelu : c.Activation;
        var dimension = c.Widen(c.Width(), c.Choose(2.0, 4.0));
        var patch = c.Choose(2, 2, 4);
        var kernel = c.Choose(3, 5, 7);

        var x = b.Conv(b.Input, "stem.0", dimension, patch, stride: patch, padding: 0, bias: true);
        x = c.Norm(b.Activate(x, activation, "stem.1"), "stem.2");
        var blocks = c.Units();
        for (var i = 0; i < blocks; i++)
        {
            var prefix = $"mixers.{i}";
            var mixed = b.Conv(x, $"{prefix}.depthwise.0", dimension, kernel, groups: dimension, bias: true);
            mixed = c.Norm(b.Activate(mixed, activation, $"{prefix}.depthwise.1"), $"{prefix}.depthwise.2");
            x = b.Sum([x, mixed]);
            x = b.Conv(x, $"{prefix}.pointwise.0", dimension, 1, bias: true);
            x = c.Norm(b.Activate(x, activation, $"{prefix}.pointwise.1"), $"{prefix}.pointwise.2");
        }

        return ClassifierHead.Append(c, x, flattenProbability: 0);
    }
}

using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// VGG-style networks (Simonyan and Zisserman; torchvision's layout): 2–3 stages of 3×3 conv (BN) ReLU
/// layers, each stage closed by 2×2 max pooling and twice as wide as the one before, then a classifier that
/// often flattens the last feature map, as VGG does.
/// </summary>
internal sealed class VggGenerator : IArchitectureGenerator
{
    public string Name => "vgg";

    public Feature Build(SamplingContext c)
    {
        var units = c.Units();
        var stages = Math.Min(units, c.Between(2, 3));
        var names = new SequentialNames("features");
        var x = c.Builder.Input;
        var channels = c.Width();
        foreach (var convs in c.Spread(units, stages))
        {
            for (var i = 0; i < convs; i++)
            {
                x = c.ConvNormAct(x, names, channels, 3);
            }

            if (SamplingContext.CanReduce(x))
            {
                x = c.Builder.MaxPool(x, names.Next(), 2, 2);
            }

            channels = c.Widen(channels, 2);
        }

        return ClassifierHead.Append(c, x, flattenProbability: 0.5);
    }
}

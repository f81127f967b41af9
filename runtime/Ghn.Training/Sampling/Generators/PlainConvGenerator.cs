using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// The simplest networks people write: a stack of conv (BN) activation layers in one <c>Sequential</c>, the
/// resolution halved one to three times by max pooling, average pooling or strided convs, channels doubling
/// at each reduction.
/// </summary>
internal sealed class PlainConvGenerator : IArchitectureGenerator
{
    private enum Downsampling
    {
        MaxPool,
        AvgPool,
        StridedConv,
    }

    public string Name => "plain";

    public Feature Build(SamplingContext c)
    {
        var layers = c.Units();
        var reductions = c.Between(1, Math.Min(3, layers));
        // Reductions at evenly spaced layers (a strided layer, or pooling right after it).
        var reduceAfter = Enumerable.Range(1, reductions).Select(r => r * layers / (reductions + 1)).ToHashSet();
        var downsampling = c.Choose(Downsampling.MaxPool, Downsampling.AvgPool, Downsampling.StridedConv);

        var names = new SequentialNames("features");
        var x = c.Builder.Input;
        var channels = c.Width();
        for (var layer = 0; layer < layers; layer++)
        {
            var reduce = reduceAfter.Contains(layer) && SamplingContext.CanReduce(x);
            var kernel = layer == 0 ? c.Choose(3, 5) : c.Choose(1, 3, 3, 3, 5);
            x = c.ConvNormAct(x, names, channels, kernel, reduce && downsampling == Downsampling.StridedConv ? 2 : 1);
            if (reduce)
            {
                x = downsampling switch
                {
                    Downsampling.MaxPool => c.Builder.MaxPool(x, names.Next(), 2, 2),
                    Downsampling.AvgPool => c.Builder.AvgPool(x, names.Next(), 2, 2),
                    _ => x,
                };
                channels = c.Widen(channels, 2);
            }
        }

        return ClassifierHead.Append(c, x, flattenProbability: 0.3);
    }
}

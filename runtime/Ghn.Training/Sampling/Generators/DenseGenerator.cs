using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// DenseNets (Huang et al.; torchvision's names: <c>features.denseblock1.denselayer1.conv1</c>): 2–3 dense
/// blocks in which every layer reads the concatenation of all earlier features of the block and adds
/// <c>growth</c> channels (with or without a 1×1 bottleneck), joined by transitions (norm, activation, 1×1
/// conv, 2×2 average pooling).
/// </summary>
internal sealed class DenseGenerator : IArchitectureGenerator
{
    public string Name => "densenet";

    public Feature Build(SamplingContext c)
    {
        var b = c.Builder;
        var units = c.Units();
        var blocks = Math.Min(units, c.Between(2, 3));
        var growth = c.Choose(4, 8, 12, 16);
        var bottleneck = c.Chance(0.5);
        var compression = c.Choose(0.5, 1.0);

        var x = b.Conv(b.Input, "features.conv0", c.Width(), 3, bias: !c.UseBatchNorm);
        x = c.Act(c.Norm(x, "features.norm0"), "features.relu0");
        if (c.Chance(0.3))
        {
            x = b.MaxPool(x, "features.pool0", 3, 2, 1);
        }

        var layers = c.Spread(units, blocks);
        for (var block = 0; block < blocks; block++)
        {
            var features = new List<Feature> { x };
            for (var layer = 0; layer < layers[block]; layer++)
            {
                features.Add(DenseLayer(c, $"features.denseblock{block + 1}.denselayer{layer + 1}", b.Concat(features), growth, bottleneck));
            }

            x = b.Concat(features);
            if (block + 1 < blocks)
            {
                var prefix = $"features.transition{block + 1}";
                x = c.Act(c.Norm(x, $"{prefix}.norm"), $"{prefix}.relu");
                x = b.Conv(x, $"{prefix}.conv", Math.Max(4, (int)(x.Channels * compression)), 1, bias: !c.UseBatchNorm);
                if (SamplingContext.CanReduce(x))
                {
                    x = b.AvgPool(x, $"{prefix}.pool", 2, 2);
                }
            }
        }

        x = c.Act(c.Norm(x, "features.norm5"));
        return ClassifierHead.Append(c, x);
    }

    private static Feature DenseLayer(SamplingContext c, string prefix, Feature x, int growth, bool bottleneck)
    {
        var b = c.Builder;
        x = c.Act(c.Norm(x, $"{prefix}.norm1"), $"{prefix}.relu1");
        if (!bottleneck)
        {
            return b.Conv(x, $"{prefix}.conv1", growth, 3, bias: !c.UseBatchNorm);
        }

        x = b.Conv(x, $"{prefix}.conv1", 4 * growth, 1, bias: !c.UseBatchNorm);
        x = c.Act(c.Norm(x, $"{prefix}.norm2"), $"{prefix}.relu2");
        return b.Conv(x, $"{prefix}.conv2", growth, 3, bias: !c.UseBatchNorm);
    }
}

using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// LeNet-style networks, the shape of many first CNNs people write: two or three convolutions, each followed by a
/// nonlinearity (often tanh) and 2×2 pooling, often without BatchNorm, then the flattened map through one or two
/// hidden linear layers.
/// </summary>
internal sealed class LeNetGenerator : IArchitectureGenerator
{
    public string Name => "lenet";

    public Feature Build(SamplingContext c)
    {
        var b = c.Builder;
        var activation = c.Chance(0.5) ? Activation.Tanh : c.Activation;
        var batchNorm = c.UseBatchNorm && c.Chance(0.5);
        var maxPool = c.Chance(0.5);

        var x = b.Input;
        var channels = c.Choose(4, 6, 8, 16);
        var convs = c.Between(2, 3);
        for (var i = 1; i <= convs; i++)
        {
            var kernel = c.Choose(3, 5, 5);
            // "Valid" convolutions shrink the map, as LeNet's second one does; the first often pads to keep 28×28.
            var valid = x.Height >= kernel + 4 && c.Chance(i == 1 ? 0.3 : 0.7);
            var padding = valid ? 0 : kernel / 2;
            x = b.Conv(x, $"conv{i}", channels, kernel, padding: padding, bias: !batchNorm);
            if (batchNorm)
            {
                x = b.BatchNorm(x, $"bn{i}");
            }

            x = b.Activate(x, activation);
            if (SamplingContext.CanReduce(x))
            {
                x = maxPool ? b.MaxPool(x, "pool", 2, 2) : b.AvgPool(x, "pool", 2, 2);
            }

            channels = c.Widen(channels, c.Choose(2.0, 2.5, 3.0));
        }

        x = x.Channels * x.Height * x.Width <= ClassifierHead.MaxFlattenedFeatures ? b.Flatten(x) : b.SpatialMean(x, keepDimensions: false);
        var width = c.Choose(64, 84, 120, 128, 256);
        var hiddenLayers = c.Between(1, 2);
        for (var i = 1; i <= hiddenLayers; i++)
        {
            x = b.Activate(b.Linear(x, $"fc{i}", width), activation);
            width = Math.Max(32, width * 2 / 3);
        }

        return b.Linear(x, $"fc{hiddenLayers + 1}", c.Task.ClassCount);
    }
}

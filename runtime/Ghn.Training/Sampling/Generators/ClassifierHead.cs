using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// The head every convolutional generator ends with: global average pooling (an <c>AdaptiveAvgPool2d</c>
/// module or a functional mean) or, for small maps when allowed, a VGG/LeNet-style flatten; then 0–2 hidden
/// linear layers (optionally LayerNorm, dropout) and the classifier.
/// </summary>
internal static class ClassifierHead
{
    /// <summary>Flattening is only offered up to this many features, to keep the first linear layer small.</summary>
    public const int MaxFlattenedFeatures = 4096;

    public static Feature Append(SamplingContext c, Feature x, double flattenProbability = 0.2)
    {
        var b = c.Builder;
        var flatten = x.IsMap && x.Channels * x.Height * x.Width <= MaxFlattenedFeatures && c.Chance(flattenProbability);
        if (x.IsMap)
        {
            x = flatten ? b.Flatten(x)
                : c.Chance(0.5) ? b.Flatten(b.AdaptiveAvgPool(x, "avgpool"))
                : b.SpatialMean(x, keepDimensions: false);
        }

        // Flattened features (VGG, LeNet) usually feed a hidden layer or two before the classifier.
        var hiddenLayers = flatten ? c.Choose(0, 1, 2, 2) : c.Choose(0, 0, 1, 2);
        if (hiddenLayers == 0)
        {
            return b.Linear(x, "fc", c.Task.ClassCount);
        }

        var names = new SequentialNames("classifier");
        var layerNorm = c.Chance(0.3);
        var dropout = c.Chance(0.5) ? c.Choose(0.1, 0.2, 0.5) : 0;
        var width = c.Choose(32, 64, 96, 128, 256);
        for (var i = 0; i < hiddenLayers; i++)
        {
            x = b.Linear(x, names.Next(), width);
            if (layerNorm)
            {
                x = b.LayerNorm(x, names.Next());
            }

            x = c.Act(x, names.Next());
            if (dropout > 0)
            {
                x = b.Dropout(x, dropout, names.Next());
            }

            width = Math.Max(32, width / c.Choose(1, 2));
        }

        return b.Linear(x, names.Next(), c.Task.ClassCount);
    }
}

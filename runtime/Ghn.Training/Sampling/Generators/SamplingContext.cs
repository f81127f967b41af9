using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// What one draw shares between a generator and the common blocks: the random source, the size ranges,
/// the network-wide choices (BatchNorm or not, the activation) and the graph under construction.
/// </summary>
internal sealed class SamplingContext
{
    private static readonly Activation[] OtherActivations =
        [Activation.Relu6, Activation.LeakyRelu, Activation.Gelu, Activation.Silu, Activation.Hardswish, Activation.Elu, Activation.Tanh];

    public SamplingContext(Random random, SamplerSettings settings, TaskShape task)
    {
        Random = random;
        Settings = settings;
        Task = task;
        Builder = new NetworkBuilder(task.InputShape(1));
        UseBatchNorm = random.NextDouble() < settings.BatchNormProbability;
        // ReLU dominates real code; the others keep the GHN from relying on one nonlinearity.
        Activation = Chance(0.6) ? Activation.Relu : Choose(OtherActivations);
    }

    public Random Random { get; }

    public SamplerSettings Settings { get; }

    public TaskShape Task { get; }

    public NetworkBuilder Builder { get; }

    /// <summary>Whether this network normalises with BatchNorm.</summary>
    public bool UseBatchNorm { get; }

    /// <summary>The network's nonlinearity.</summary>
    public Activation Activation { get; }

    /// <summary>A base width (channels) from the family's range, a multiple of 4.</summary>
    public int Width() => 4 * Between((Settings.MinWidth + 3) / 4, Settings.MaxWidth / 4);

    /// <summary>A number of repeated units (cells, blocks, layers) from the family's range.</summary>
    public int Units() => Between(Settings.MinUnits, Settings.MaxUnits);

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Between(int min, int max) => Random.Next(min, max + 1);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => Random.NextDouble() < p;

    /// <summary>One of <paramref name="options"/>, uniformly.</summary>
    public T Choose<T>(params T[] options) => options[Random.Next(options.Length)];

    /// <summary>Widens <paramref name="channels"/> by <paramref name="factor"/>, capped at the family's maximum.</summary>
    public int Widen(int channels, double factor) => Math.Min(Settings.MaxChannels, (int)Math.Round(channels * factor / 4) * 4);

    /// <summary>Whether a feature map is still large enough to halve (28 → 14 → 7 → 4, and no further).</summary>
    public static bool CanReduce(Feature x) => x.Height > 4 && x.Width > 4;

    /// <summary>Spreads <paramref name="units"/> over <paramref name="stages"/> stages, at least one each, the remainder at random.</summary>
    public int[] Spread(int units, int stages)
    {
        var counts = Enumerable.Repeat(1, stages).ToArray();
        for (var extra = units - stages; extra > 0; extra--)
        {
            counts[Random.Next(stages)]++;
        }

        return counts;
    }
}

namespace Ghn.Training.Sampling;

/// <summary>
/// The size ranges of a family. Widths are base channel counts (stages widen from there, up to
/// <see cref="MaxChannels"/>); units are the repeated parts of a network (cells, blocks, layers), which
/// each generator spreads over its stages.
/// </summary>
internal sealed record SamplerSettings(
    int MinWidth,
    int MaxWidth,
    int MinUnits,
    int MaxUnits,
    double BatchNormProbability,
    long MinParameters,
    long MaxParameters)
{
    /// <summary>
    /// The default: small networks that train on a 2-core CPU (mostly 10k–500k parameters); nothing below
    /// 5,000 parameters, about the size of the smallest hand-written model of the corpus (TinyCnn).
    /// </summary>
    public static SamplerSettings Default { get; } = new(8, 32, 2, 8, 0.8, 5_000, 500_000);

    /// <summary>Whether a graph of <paramref name="parameterCount"/> parameters is within the budget.</summary>
    public bool Admits(long parameterCount) => parameterCount >= MinParameters && parameterCount <= MaxParameters;

    /// <summary>No stage is wider than four times the widest base width.</summary>
    public int MaxChannels => MaxWidth * 4;
}

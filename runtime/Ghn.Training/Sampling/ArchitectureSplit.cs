using System.Globalization;
using Ghn.Graphs;

namespace Ghn.Training.Sampling;

/// <summary>Which side of the train/held-out divide an architecture is on.</summary>
public enum ArchitectureSplit
{
    /// <summary>Architectures meta-training may use.</summary>
    Training,

    /// <summary>Architectures reserved for evaluation; meta-training never samples them.</summary>
    HeldOut,
}

/// <summary>
/// Assigns architectures to splits by their <see cref="ArchitectureGraph.ContentHash"/>: one graph in
/// <see cref="HeldOutModulus"/> is held out. The split is a property of the graph itself, not of the seed that
/// produced it, so an architecture is held out however (and by whichever family) it is drawn, and graphs that
/// look the same to the GHN (same primitive graph and parameter shapes) always fall on the same side.
/// </summary>
public static class ArchitectureSplits
{
    /// <summary>One architecture in this many is held out.</summary>
    public const int HeldOutModulus = 8;

    /// <summary>The split <paramref name="graph"/> belongs to.</summary>
    public static ArchitectureSplit Of(ArchitectureGraph graph) =>
        uint.Parse(graph.ContentHash.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % HeldOutModulus == 0
            ? ArchitectureSplit.HeldOut
            : ArchitectureSplit.Training;
}

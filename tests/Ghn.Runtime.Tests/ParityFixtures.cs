using Ghn.Graphs;

namespace Ghn.Runtime.Tests;

/// <summary>The five graphs of the reference parity data (see <see cref="ParityFixtureDirectory"/>).</summary>
internal static class ParityFixtures
{
    private const string VisionTransformer = "vit_tiny";

    public static readonly string[] Models = ["tiny_cnn", "residual_block", "mixed", "resnet18_narrow", VisionTransformer];

    public static string PtCheckpoint => Path.Combine(ParityFixtureDirectory.Ghn3Directory, "ghn3-random.pt");

    /// <summary>
    /// The graph to predict a fixture model from: the reference's graph file, except for vit_tiny, whose file records its
    /// position embedding only in the reference's 4-D view, without the number of positions: the graph extracted from
    /// its TorchSharp port instead (kept equal to extraction by the corpus tests).
    /// </summary>
    public static PrimitiveGraph Graph(string model) => model == VisionTransformer
        ? GraphJson.ReadPrimitiveGraph(File.ReadAllText(ParityFixtureDirectory.ExtractedGraphFile(model)))
        : ParityFixtureDirectory.Graph(model);
}

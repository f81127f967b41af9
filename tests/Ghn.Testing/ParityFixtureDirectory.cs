using Ghn.Graphs;

namespace Ghn.Testing;

/// <summary>
/// The reference parity data in the repository, <c>tests/fixtures/reference-parity</c> (its README says how the
/// reference produced it): the reference's primitive graphs of five models, and per checkpoint set (<c>ghn3</c>,
/// <c>ghn2</c>, <c>ghn3-hub</c>) a randomly initialised GHN with the parameters it predicted for each graph.
/// </summary>
public static class ParityFixtureDirectory
{
    /// <summary>The full path of the parity folder.</summary>
    public static string Path { get; } = System.IO.Path.Combine(RepositoryDirectory.Path, "tests", "fixtures", "reference-parity");

    /// <summary>The GHN-3 set: the reference trainer's checkpoint, as <c>.pt</c> and as safetensors.</summary>
    public static string Ghn3Directory => System.IO.Path.Combine(Path, "ghn3");

    /// <summary>The GHN-2 set: ppuda's trainer format (<c>ghn2-random.pt</c>) and what it predicts.</summary>
    public static string Ghn2Directory => System.IO.Path.Combine(Path, "ghn2");

    /// <summary>The reference GHN-3 (random initialisation) that predicted the GHN-3 set's expected parameters.</summary>
    public static string RandomGhnCheckpoint => System.IO.Path.Combine(Ghn3Directory, "ghn3-random.safetensors");

    /// <summary>The folder of the fixture architectures' primitive graphs.</summary>
    public static string GraphsDirectory => System.IO.Path.Combine(Path, "graphs");

    /// <summary>
    /// A primitive graph extracted from a corpus port of a fixture model (<c>tests/fixtures/extracted</c>), for models
    /// whose reference graph file cannot be predicted from (vit_tiny); a corpus test keeps it equal to extraction.
    /// </summary>
    public static string ExtractedGraphFile(string model) =>
        System.IO.Path.Combine(RepositoryDirectory.Path, "tests", "fixtures", "extracted", model + ".primitive.json");

    /// <summary>The primitive-graph JSON of fixture architecture <paramref name="model"/> (tiny_cnn, residual_block, mixed, resnet18_narrow, vit_tiny).</summary>
    public static string GraphFile(string model) => System.IO.Path.Combine(GraphsDirectory, model + ".json");

    /// <summary>The primitive graph the reference built for fixture architecture <paramref name="model"/>.</summary>
    public static PrimitiveGraph Graph(string model) => GraphJson.ReadPrimitiveGraph(File.ReadAllText(GraphFile(model)));
}

using Ghn.Graphs;

namespace Ghn.Tests;

/// <summary>
/// The GHN-3 parity data, <c>../shared/fixtures/ghn3-parity</c> from the repository root, as developers and CI have it.
/// </summary>
internal static class ParityFixtureDirectory
{
    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>The full path of the parity folder.</summary>
    public static string Path => Located.Value;

    /// <summary>The reference GHN-3 (tiny configuration, random initialisation) that predicted the expected parameters.</summary>
    public static string RandomGhnCheckpoint => System.IO.Path.Combine(Path, "ghn3-tiny-random.safetensors");

    /// <summary>The folder of the fixture architectures' primitive graphs.</summary>
    public static string GraphsDirectory => System.IO.Path.Combine(Path, "graphs");

    /// <summary>The primitive-graph JSON of fixture architecture <paramref name="model"/> (tiny_cnn, residual_block, mixed, resnet18).</summary>
    public static string GraphFile(string model) => System.IO.Path.Combine(GraphsDirectory, model + ".json");

    /// <summary>The primitive graph the reference built for fixture architecture <paramref name="model"/>.</summary>
    public static PrimitiveGraph Graph(string model) => PrimitiveGraph.FromJson(File.ReadAllText(GraphFile(model)));

    private static string Locate()
    {
        var fixtures = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryDirectory.Path, "..", "shared", "fixtures", "ghn3-parity"));
        return Directory.Exists(fixtures)
            ? fixtures
            : throw new DirectoryNotFoundException($"The GHN-3 parity fixtures are not at {fixtures}; the shared folder must sit next to the repository (../shared).");
    }
}

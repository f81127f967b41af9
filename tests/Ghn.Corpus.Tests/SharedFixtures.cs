using Ghn.Graphs;

namespace Ghn.Corpus.Tests;

/// <summary>The GHN-3 parity fixtures in the shared folder next to the repository (<c>../shared</c>).</summary>
internal static class SharedFixtures
{

    /// <summary>The reference primitive graph <c>graphs/&lt;name&gt;.json</c>.</summary>
    public static PrimitiveGraph ReferenceGraph(string name) =>
        PrimitiveGraph.FromJson(File.ReadAllText(Path.Combine(Ghn.Tests.ParityFixtureDirectory.Path, "graphs", name + ".json")));

    /// <summary>The reference's randomly initialised GHN-3 (tiny configuration) as a safetensors checkpoint.</summary>
    public static string RandomGhnCheckpoint => Path.Combine(Ghn.Tests.ParityFixtureDirectory.Path, "ghn3-tiny-random.safetensors");
}

using Ghn.Graphs;

namespace Ghn.Corpus.Tests;

/// <summary>The GHN-3 parity fixtures in the shared folder next to the repository (<c>../shared</c>).</summary>
internal static class SharedFixtures
{

    /// <summary>The reference primitive graph <c>graphs/&lt;name&gt;.json</c>.</summary>
    public static PrimitiveGraph ReferenceGraph(string name) =>
        PrimitiveGraph.FromJson(File.ReadAllText(Ghn.Tests.ParityFixtureDirectory.GraphFile(name)));

    /// <summary>The reference's randomly initialised GHN-3 (tiny configuration) as a safetensors checkpoint.</summary>
    public static string RandomGhnCheckpoint => Ghn.Tests.ParityFixtureDirectory.RandomGhnCheckpoint;
}

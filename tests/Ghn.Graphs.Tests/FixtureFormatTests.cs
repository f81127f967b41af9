using System.Text.Json.Nodes;
using Ghn.Graphs;

namespace Ghn.Graphs.Tests;

/// <summary>The reference's primitive graphs parse, and our writer reproduces every value of them.</summary>
public sealed class FixtureFormatTests
{
    public static TheoryData<string> FixtureGraphs() => new(ParityGraphFiles.PrimitiveGraphFiles());

    [Theory]
    [MemberData(nameof(FixtureGraphs))]
    public void Fixture_graphs_round_trip_exactly(string path)
    {
        var json = File.ReadAllText(path);

        var graph = GraphJson.ReadPrimitiveGraph(json);

        // The reference writes with Python's indentation; the documents must be equal value for value.
        var written = graph.ToJson();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), $"{Path.GetFileName(path)} written back differs:\n{written}");
        Assert.Equal(written, GraphJson.ReadPrimitiveGraph(written).ToJson());
    }
}

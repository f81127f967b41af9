using Ghn.Graphs;

namespace Ghn.Graphs.Tests;

/// <summary>The reference's primitive graphs parse, and our writer reproduces them byte for byte.</summary>
public sealed class FixtureFormatTests
{
    public static TheoryData<string> FixtureGraphs() => new(SharedFixtures.PrimitiveGraphFiles());

    [Theory]
    [MemberData(nameof(FixtureGraphs))]
    public void FixtureGraphsRoundTripExactly(string path)
    {
        var json = File.ReadAllText(path);

        var graph = PrimitiveGraph.FromJson(json);

        Assert.Equal(json.TrimEnd(), graph.ToJson().TrimEnd());
    }
}

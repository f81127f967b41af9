using Ghn.Graphs;
using static Ghn.Graphs.Tests.SampleGraphs;

namespace Ghn.Graphs.Tests;

public sealed class ArchitectureGraphTests
{
    [Fact]
    public void Json_round_trip_preserves_every_node()
    {
        var graph = ResidualBlock();

        var json = graph.ToJson();
        var parsed = GraphJson.ReadArchitectureGraph(json);

        Assert.Equal(graph, parsed);
        Assert.Equal(json, parsed.ToJson());
    }

    [Fact]
    public void Attributes_keep_their_types_through_JSON()
    {
        var node = new OpNode(1, OpKind.Dropout, [0], [Attr("p", AttributeValue.Of(1.0)), Attr("count", AttributeValue.Of(1)), Attr("flag", AttributeValue.Of(true)), Attr("mode", AttributeValue.Of("tanh"))]);
        var graph = new ArchitectureGraph([new OpNode(0, OpKind.Input), node, Simple(2, OpKind.Output, 1)]);

        var parsed = GraphJson.ReadArchitectureGraph(graph.ToJson()).Nodes[1];

        Assert.Equal(1.0, parsed.Attribute("p").AsDouble());
        Assert.Throws<InvalidOperationException>(() => parsed.Attribute("p").AsInt());
        Assert.Equal(1, parsed.Attribute("count").AsInt());
        Assert.True(parsed.Attribute("flag").AsBool());
        Assert.Equal("tanh", parsed.Attribute("mode").AsString());
    }

    [Fact]
    public void Content_hash_is_stable_across_instances_and_serialisation()
    {
        var hash = ResidualBlock().ContentHash;

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, ResidualBlock().ContentHash);
        Assert.Equal(hash, GraphJson.ReadArchitectureGraph(ResidualBlock().ToJson()).ContentHash);
    }

    [Fact]
    public void Content_hash_changes_with_a_layer_width()
    {
        var nodes = ResidualBlock().Nodes.ToArray();
        nodes[13] = Linear(13, 12, "fc", 10, 16, bias: false);

        Assert.NotEqual(ResidualBlock().ContentHash, new ArchitectureGraph(nodes).ContentHash);
    }

    [Fact]
    public void Content_hash_changes_with_a_parameter_name()
    {
        var nodes = ResidualBlock().Nodes.ToArray();
        nodes[13] = Linear(13, 12, "classifier", 10, 16);

        Assert.NotEqual(ResidualBlock().ContentHash, new ArchitectureGraph(nodes).ContentHash);
    }

    [Fact]
    public void Content_hash_ignores_what_does_not_affect_prediction()
    {
        // Swapping an activation changes neither the primitive graph nor the parameters, so the GHN predicts the same.
        var nodes = ResidualBlock().Nodes.ToArray();
        nodes[10] = Simple(10, OpKind.Gelu, 9);

        Assert.Equal(ResidualBlock().ContentHash, new ArchitectureGraph(nodes).ContentHash);
    }

    [Theory]
    [InlineData("{\"format\": \"other/1\", \"nodes\": []}", "Unsupported graph format")]
    [InlineData("{\"format\": \"ghn-architecture-graph/1\", \"nodes\": [{\"id\": 0, \"op\": \"teleport\"}]}", "unknown op \"teleport\"")]
    [InlineData("{\"format\": \"ghn-architecture-graph/1\", \"nodes\": [{\"id\": 0, \"op\": \"input\"}, {\"id\": 1, \"op\": \"output\", \"inputs\": [5]}]}", "inputs must come earlier")]
    [InlineData("{\"format\": \"ghn-architecture-graph/1\", \"nodes\": [{\"id\": 0, \"op\": \"input\"}, {\"id\": 1, \"op\": \"relu\", \"inputs\": [0]}]}", "output must be the last node")]
    [InlineData("{\"format\": \"ghn-architecture-graph/1\", \"nodes\": [", "Invalid JSON at line 1")]
    public void Invalid_JSON_is_rejected_with_a_message_naming_the_problem(string json, string expected)
    {
        var error = Assert.Throws<GraphFormatException>(() => GraphJson.ReadArchitectureGraph(json));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_name_for_two_different_tensors_is_rejected_and_a_shared_tensor_is_listed_once()
    {
        var nodes = ResidualBlock().Nodes.ToArray();
        nodes[7] = Conv(7, 6, "conv1", 16, 16, 5, bias: false);

        var error = Assert.Throws<GraphFormatException>(() => new ArchitectureGraph(nodes));

        Assert.Contains("conv1.weight", error.Message);

        nodes[7] = Conv(7, 6, "conv1", 16, 16, 3, bias: false);
        var shared = new ArchitectureGraph(nodes);
        Assert.Single(shared.Parameters, p => p.Name == "conv1.weight");
        Assert.Equal(ResidualBlock().ParameterCount - 2304, shared.ParameterCount);
    }

    [Fact]
    public void Parameter_count_sums_every_parameter()
    {
        // stem 144, bn0 32, conv1 2304, bn1 32, conv2 2304, bn2 32, fc 170: the fixture's 5,018.
        Assert.Equal(5018, ResidualBlock().ParameterCount);
    }
}

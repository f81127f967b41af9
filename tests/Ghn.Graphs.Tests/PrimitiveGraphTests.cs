using Ghn.Graphs;
using static Ghn.Graphs.Tests.SampleGraphs;

namespace Ghn.Graphs.Tests;

public sealed class PrimitiveGraphTests
{
    [Fact]
    public void Residual_block_follows_the_reference_conventions()
    {
        var primitive = ResidualBlock().ToPrimitiveGraph();

        Assert.Equal(
            ["input", "conv", "bn", "conv", "bn", "conv", "bn", "sum", "glob_avg", "conv", "bias"],
            primitive.Nodes.Select(n => n.Type.ToName()));
        Assert.Equal(
            [(0, 1), (1, 2), (2, 3), (2, 7), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 10)],
            primitive.Edges);
        Assert.Equal(ClassifierRole.Weight, primitive.Nodes[9].Classifier);
        Assert.Equal(ClassifierRole.Bias, primitive.Nodes[10].Classifier);
        Assert.Equal([16], primitive.Nodes[2].Shape);
        Assert.Equal("bn0.weight", primitive.Nodes[2].Param);
    }

    [Fact]
    public void Grouped_and_dilated_convolutions_are_separable_and_dilated()
    {
        var graph = new ArchitectureGraph(
        [
            new OpNode(0, OpKind.Input),
            Conv(1, 0, "dw", 8, 8, 3, bias: false, groups: 8),
            Conv(2, 1, "dil", 8, 8, 3, bias: false, groups: 8, dilation: 2),
            Conv(3, 2, "plain_dilated", 8, 8, 3, bias: false, dilation: 2),
            Simple(4, OpKind.Output, 3),
        ]);

        Assert.Equal(["input", "sep_conv", "dil_conv", "conv"], graph.ToPrimitiveGraph().Nodes.Select(n => n.Type.ToName()));
    }

    [Fact]
    public void Squeeze_of_a_gate_is_folded_into_the_gate_but_the_classifier_pool_is_a_node()
    {
        var graph = new ArchitectureGraph(
        [
            new OpNode(0, OpKind.Input),
            Conv(1, 0, "conv", 8, 1, 3),
            GlobalPool(2, 1),
            Conv(3, 2, "se.reduce", 2, 8, 1),
            Simple(4, OpKind.Relu, 3),
            Conv(5, 4, "se.expand", 8, 2, 1),
            Simple(6, OpKind.Sigmoid, 5),
            Simple(7, OpKind.Mul, 1, 6),
            GlobalPool(8, 7),
            Flatten(9, 8),
            Linear(10, 9, "fc", 10, 8),
            Simple(11, OpKind.Output, 10),
        ]);

        var primitive = graph.ToPrimitiveGraph();

        Assert.Equal(
            ["input", "conv", "bias", "conv", "bias", "conv", "bias", "cse", "glob_avg", "conv", "bias"],
            primitive.Nodes.Select(n => n.Type.ToName()));
        Assert.Contains((2, 3), primitive.Edges);
        Assert.Contains((2, 7), primitive.Edges);
        Assert.Contains((6, 7), primitive.Edges);
    }

    [Fact]
    public void A_sum_of_one_distinct_input_is_dropped()
    {
        var graph = new ArchitectureGraph(
        [
            new OpNode(0, OpKind.Input),
            Conv(1, 0, "conv", 8, 1, 3, bias: false),
            Simple(2, OpKind.Add, 1, 1),
            Simple(3, OpKind.Output, 2),
        ]);

        var primitive = graph.ToPrimitiveGraph();

        Assert.Equal(["input", "conv"], primitive.Nodes.Select(n => n.Type.ToName()));
        Assert.Equal(ClassifierRole.Weight, primitive.Nodes[1].Classifier);
    }

    [Fact]
    public void A_position_embedding_is_a_predicted_pos_enc_node_and_a_class_token_or_buffer_is_not_in_the_graph()
    {
        static OpNode Read(int id, TensorSpec tensor, bool parameter) =>
            new(id, OpKind.Tensor, parameters: parameter ? [tensor] : null, buffers: parameter ? null : [tensor]);
        var graph = new ArchitectureGraph(
        [
            new OpNode(0, OpKind.Input),
            Read(1, new TensorSpec("class_token", [1, 1, 8]), parameter: true),
            Simple(2, OpKind.Cat, 1, 0),
            Read(3, new TensorSpec("pos_embedding", [1, 5, 8]), parameter: true),
            Simple(4, OpKind.Add, 2, 3),
            Read(5, new TensorSpec("scale", [1, 5, 8]), parameter: false),
            Simple(6, OpKind.Mul, 4, 5),
            Linear(7, 6, "head", 10, 8),
            Simple(8, OpKind.Output, 7),
        ]);

        var primitive = graph.ToPrimitiveGraph();

        Assert.Equal(["input", "pos_enc", "sum", "conv", "bias"], primitive.Nodes.Select(n => n.Type.ToName()));
        Assert.Equal("pos_embedding", primitive.Nodes[1].Param);
        Assert.Equal([(0, 2), (1, 2), (2, 3), (3, 4)], primitive.Edges);
        Assert.Equal(["pos_embedding", "head.weight", "head.bias"], graph.PredictedParameters.Select(p => p.Name));
    }

    [Fact]
    public void No_classifier_is_flagged_when_the_output_is_not_a_layer()
    {
        var graph = new ArchitectureGraph(
        [
            new OpNode(0, OpKind.Input),
            Conv(1, 0, "conv", 10, 1, 1),
            GlobalPool(2, 1),
            Flatten(3, 2),
            Simple(4, OpKind.Output, 3),
        ]);

        Assert.All(graph.ToPrimitiveGraph().Nodes, n => Assert.Equal(ClassifierRole.None, n.Classifier));
    }

    [Fact]
    public void Json_matches_the_fixture_layout_and_round_trips()
    {
        var primitive = ResidualBlock().ToPrimitiveGraph();

        var json = primitive.ToJson();

        Assert.StartsWith("{\n  \"format\": \"ghn-primitive-graph/1\",\n  \"nodes\": [\n    {\"id\": 0, \"type\": \"input\"},\n", json);
        Assert.Contains("{\"id\": 9, \"type\": \"conv\", \"param\": \"fc.weight\", \"shape\": [10, 16], \"classifier\": \"weight\"}", json);
        Assert.Contains("\"edges\": [[0,1],[1,2],[2,3],[2,7],", json);
        Assert.Equal(primitive, GraphJson.ReadPrimitiveGraph(json));
    }

    [Theory]
    [InlineData("{\"format\": \"ghn-primitive-graph/1\", \"nodes\": [{\"id\": 0, \"type\": \"conv\"}], \"edges\": []}", "starts with its input node")]
    [InlineData("{\"format\": \"ghn-primitive-graph/1\", \"nodes\": [{\"id\": 0, \"type\": \"input\"}, {\"id\": 1, \"type\": \"warp\"}], \"edges\": []}", "unknown primitive type \"warp\"")]
    [InlineData("{\"format\": \"ghn-primitive-graph/1\", \"nodes\": [{\"id\": 0, \"type\": \"input\"}, {\"id\": 1, \"type\": \"sum\"}], \"edges\": [[1,0]]}", "Edge [1, 0]")]
    [InlineData("{\"format\": \"ghn-primitive-graph/1\", \"nodes\": [{\"id\": 0, \"type\": \"input\", \"classifier\": \"head\"}], \"edges\": []}", "classifier must be")]
    public void Invalid_primitive_graphs_are_rejected(string json, string expected)
    {
        var error = Assert.Throws<GraphFormatException>(() => GraphJson.ReadPrimitiveGraph(json));

        Assert.Contains(expected, error.Message);
    }
}

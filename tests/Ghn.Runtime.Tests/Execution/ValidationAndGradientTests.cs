using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class ValidationAndGradientTests
{
    // conv -> relu -> flatten -> linear, the parameters named as in a model with fields conv and fc.
    private static readonly ArchitectureGraph Graph = BuildGraph();

    [Fact]
    public void A_missing_parameter_is_named_with_its_node()
    {
        using var scope = NewDisposeScope();
        var tensors = NewTensors();
        tensors.Remove("fc.weight");

        var error = Assert.Throws<ArgumentException>(() => new GraphExecutor(Graph).Forward(randn(1, 1, 4, 4), tensors, training: false));

        Assert.Contains("'fc.weight'", error.Message);
        Assert.Contains("linear", error.Message);
    }

    [Fact]
    public void A_buffer_that_forward_reads_directly_is_required_and_named()
    {
        using var scope = NewDisposeScope();
        var builder = new GraphBuilder();
        var mask = builder.Add(OpKind.Tensor, [], buffers: [Spec("mask", 4)]);
        var graph = builder.Build(builder.Add(OpKind.Add, [0, mask]));
        var executor = new GraphExecutor(graph);

        var error = Assert.Throws<ArgumentException>(() => executor.Forward(randn(2, 4), new Dictionary<string, Tensor>(), training: false));
        var output = executor.Forward(ones(2, 4), new Dictionary<string, Tensor> { ["mask"] = full(4, 2.0f) }, training: false);

        Assert.Contains("'mask'", error.Message);
        Assert.True(output.eq(3).all().item<bool>());
    }

    [Fact]
    public void A_graph_of_two_inputs_takes_both_and_returns_every_result()
    {
        using var scope = NewDisposeScope();
        var nodes = new List<OpNode> { new(0, OpKind.Input), new(1, OpKind.Input), new(2, OpKind.Add, [0, 1]), new(3, OpKind.Mul, [0, 1]) };
        nodes.Add(new OpNode(4, OpKind.Output, [2, 3]));
        var executor = new GraphExecutor(new ArchitectureGraph(nodes));

        var results = executor.ForwardAll([full(3, 2.0f), full(3, 5.0f)], new Dictionary<string, Tensor>(), training: false);

        Assert.Equal(2, results.Length);
        Assert.True(results[0].eq(7).all().item<bool>());
        Assert.True(results[1].eq(10).all().item<bool>());
        Assert.Throws<ArgumentException>(() => executor.ForwardAll([full(3, 2.0f)], new Dictionary<string, Tensor>(), training: false));
    }

    [Fact]
    public void A_parameter_of_the_wrong_shape_is_named_with_both_shapes()
    {
        using var scope = NewDisposeScope();
        var tensors = NewTensors();
        tensors["conv.weight"] = randn(2, 1, 3, 3);

        var error = Assert.Throws<ArgumentException>(() => new GraphExecutor(Graph).Forward(randn(1, 1, 4, 4), tensors, training: false));

        Assert.Contains("'conv.weight'", error.Message);
        Assert.Contains("[2, 1, 3, 3]", error.Message);
        Assert.Contains("[3, 1, 3, 3]", error.Message);
    }

    [Fact]
    public void An_input_of_the_wrong_shape_is_reported_with_the_node_that_rejects_it()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => new GraphExecutor(Graph).Forward(randn(1, 3, 4, 4), NewTensors(), training: false));

        Assert.Contains("conv2d", error.Message);
        Assert.Contains("[1, 3, 4, 4]", error.Message);
    }

    [Fact]
    public void A_node_without_a_required_attribute_is_rejected_when_the_executor_is_created()
    {
        var graph = Single(OpKind.Softmax);

        var error = Assert.Throws<ArgumentException>(() => new GraphExecutor(graph));

        Assert.Contains("softmax", error.Message);
        Assert.Contains("'dim'", error.Message);
    }

    [Fact]
    public void Gradients_reach_the_given_tensors_after_intermediates_are_disposed()
    {
        using var scope = NewDisposeScope();
        var tensors = NewTensors();
        foreach (var tensor in tensors.Values)
        {
            tensor.requires_grad_();
        }

        var x = randn(2, 1, 4, 4);
        new GraphExecutor(Graph).Forward(x, tensors, training: true).square().sum().backward();

        // The same computation written out directly gives the reference gradients.
        var reference = tensors.ToDictionary(t => t.Key, t => t.Value.detach().clone().requires_grad_());
        var hidden = nn.functional.conv2d(x, reference["conv.weight"], reference["conv.bias"], padding: [1, 1]).relu().flatten(1);
        nn.functional.linear(hidden, reference["fc.weight"], reference["fc.bias"]).square().sum().backward();

        foreach (var (name, tensor) in tensors)
        {
            Assert.NotNull(tensor.grad);
            AssertClose(reference[name].grad!, tensor.grad!);
        }
    }

    private static ArchitectureGraph BuildGraph()
    {
        var builder = new GraphBuilder();
        var conv = builder.Add(
            OpKind.Conv2d,
            [0],
            [Attr("kernel", 3, 3), Attr("stride", 1, 1), Attr("padding", 1, 1), Attr("dilation", 1, 1), Attr("groups", 1)],
            [Spec("conv.weight", 3, 1, 3, 3), Spec("conv.bias", 3)]);
        var relu = builder.Add(OpKind.Relu, [conv]);
        var flatten = builder.Add(OpKind.Flatten, [relu], [Attr("start_dim", 1), Attr("end_dim", -1)]);
        return builder.Build(builder.Add(OpKind.Linear, [flatten], parameters: [Spec("fc.weight", 2, 48), Spec("fc.bias", 2)]));
    }

    private static Dictionary<string, Tensor> NewTensors() => new()
    {
        ["conv.weight"] = randn(3, 1, 3, 3),
        ["conv.bias"] = randn(3),
        ["fc.weight"] = randn(2, 48),
        ["fc.bias"] = randn(2),
    };
}

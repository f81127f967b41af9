using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class ShapeTests
{
    private static readonly Dictionary<string, Tensor> NoTensors = [];

    [Fact]
    public void Flatten_matches_the_module()
    {
        using var scope = NewDisposeScope();
        using var module = nn.Flatten(1, 2);
        var x = randn(2, 3, 4, 5);

        var actual = new GraphExecutor(Single(OpKind.Flatten, [Attr("start_dim", 1), Attr("end_dim", 2)])).Forward(x, NoTensors, training: false);

        AssertClose(module.forward(x), actual);
    }

    [Fact]
    public void Reshape_copies_the_input_dimensions_named_by_input_dims()
    {
        using var scope = NewDisposeScope();
        // x.view(x.size(0), -1, 2): the batch size is read from the input at run time.
        var graph = Single(OpKind.Reshape, [Attr("shape", -1, -1, 2), Attr("input_dims", 0, -1, -1)]);
        var executor = new GraphExecutor(graph);

        foreach (var batch in new[] { 2, 5 })
        {
            var x = randn(batch, 3, 4);
            AssertClose(x.view(batch, -1, 2), executor.Forward(x, NoTensors, training: false));
        }
    }

    [Fact]
    public void Mean_over_spatial_dimensions_matches_the_tensor_method()
    {
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 4, 5);

        var actual = new GraphExecutor(Single(OpKind.Mean, [Attr("dims", -2, -1), Attr("keepdim", true)])).Forward(x, NoTensors, training: false);

        AssertClose(x.mean([2, 3], keepdim: true), actual);
    }
}

using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class CombinationTests
{
    private static readonly Dictionary<string, Tensor> NoTensors = [];

    [Fact]
    public void Add_Mul_and_Cat_combine_branches()
    {
        using var scope = NewDisposeScope();
        // y = cat([relu(x) + sigmoid(x) + x, relu(x) * sigmoid(x), x * 3 + 1], dim: 1)
        var builder = new GraphBuilder();
        var relu = builder.Add(OpKind.Relu, [0]);
        var sigmoid = builder.Add(OpKind.Sigmoid, [0]);
        var sum = builder.Add(OpKind.Add, [relu, sigmoid, 0]);
        var product = builder.Add(OpKind.Mul, [relu, sigmoid]);
        var scaled = builder.Add(OpKind.Mul, [0], [Attr("scalar", 3.0)]);
        var shifted = builder.Add(OpKind.Add, [scaled], [Attr("scalar", 1.0)]);
        var graph = builder.Build(builder.Add(OpKind.Cat, [sum, product, shifted], [Attr("dim", 1)]));
        var x = randn(2, 3);

        var expected = cat([x.relu() + x.sigmoid() + x, x.relu() * x.sigmoid(), (x * 3) + 1], 1);

        AssertClose(expected, new GraphExecutor(graph).Forward(x, NoTensors, training: false));
    }

    [Fact]
    public void A_pass_through_value_outlives_the_value_it_passes_through()
    {
        using var scope = NewDisposeScope();
        // relu's last reader is the identity; the identity's value must survive relu's disposal.
        var builder = new GraphBuilder();
        var relu = builder.Add(OpKind.Relu, [0]);
        var identity = builder.Add(OpKind.Identity, [relu]);
        var dropout = builder.Add(OpKind.Dropout, [identity], [Attr("p", 0.5)]);
        var graph = builder.Build(builder.Add(OpKind.Add, [dropout, 0]));
        var x = randn(2, 3);

        var actual = new GraphExecutor(graph).Forward(x, NoTensors, training: false);

        AssertClose(x.relu() + x, actual);
        Assert.False(x.IsInvalid);
    }

    [Fact]
    public void Forward_leaves_no_intermediate_tensor_alive()
    {
        using var outer = NewDisposeScope();
        var builder = new GraphBuilder();
        var relu = builder.Add(OpKind.Relu, [0]);
        var sigmoid = builder.Add(OpKind.Sigmoid, [relu]);
        var graph = builder.Build(builder.Add(OpKind.Add, [relu, sigmoid, relu]));
        var executor = new GraphExecutor(graph);
        var x = randn(2, 3);

        var before = outer.DisposablesCount;
        var result = executor.Forward(x, NoTensors, training: false);

        Assert.Equal(before + 1, outer.DisposablesCount);
        Assert.False(result.IsInvalid);
    }
}

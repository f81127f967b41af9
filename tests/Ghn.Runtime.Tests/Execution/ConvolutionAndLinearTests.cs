using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class ConvolutionAndLinearTests
{
    [Theory]
    [InlineData(1, 1, 1, 1, true)]
    [InlineData(2, 1, 1, 1, false)]
    [InlineData(1, 2, 2, 1, true)]
    [InlineData(1, 2, 2, 4, false)]
    public void Conv2d_matches_the_module(int stride, int padding, int dilation, int groups, bool bias)
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(4, 8, 3, stride: stride, padding: padding, dilation: dilation, groups: groups, bias: bias);
        var parameters = new List<TensorSpec> { Spec("weight", 8, 4 / groups, 3, 3) };
        if (bias)
        {
            parameters.Add(Spec("bias", 8));
        }

        var graph = Single(
            OpKind.Conv2d,
            [Attr("kernel", 3, 3), Attr("stride", stride, stride), Attr("padding", padding, padding), Attr("dilation", dilation, dilation), Attr("groups", groups)],
            parameters);
        var x = randn(2, 4, 9, 9);

        AssertClose(conv.forward(x), new GraphExecutor(graph).Forward(x, Tensors(conv), training: false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Linear_matches_the_module(bool bias)
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(6, 3, hasBias: bias);
        var graph = Single(OpKind.Linear, parameters: bias ? [Spec("weight", 3, 6), Spec("bias", 3)] : [Spec("weight", 3, 6)]);
        var x = randn(5, 6);

        AssertClose(linear.forward(x), new GraphExecutor(graph).Forward(x, Tensors(linear), training: false));
    }
}

using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class PoolingTests
{
    private static readonly Dictionary<string, Tensor> NoTensors = [];

    [Theory]
    [InlineData(2, 2, 0, false)]
    [InlineData(3, 2, 1, true)]
    public void MaxPool2d_matches_the_module(int kernel, int stride, int padding, bool ceilMode)
    {
        using var scope = NewDisposeScope();
        using var module = nn.MaxPool2d(kernel, stride, padding, ceil_mode: ceilMode);
        var graph = Single(
            OpKind.MaxPool2d,
            [Attr("kernel", kernel, kernel), Attr("stride", stride, stride), Attr("padding", padding, padding), Attr("dilation", 1, 1), Attr("ceil_mode", ceilMode)]);
        var x = randn(2, 3, 9, 9);

        AssertClose(module.forward(x), new GraphExecutor(graph).Forward(x, NoTensors, training: false));
    }

    [Theory]
    [InlineData(2, 2, 0, true)]
    [InlineData(3, 1, 1, false)]
    public void AvgPool2d_matches_the_module(int kernel, int stride, int padding, bool countIncludePad)
    {
        using var scope = NewDisposeScope();
        using var module = nn.AvgPool2d(kernel, stride, padding, count_include_pad: countIncludePad);
        var graph = Single(
            OpKind.AvgPool2d,
            [Attr("kernel", kernel, kernel), Attr("stride", stride, stride), Attr("padding", padding, padding), Attr("ceil_mode", false), Attr("count_include_pad", countIncludePad)]);
        var x = randn(2, 3, 9, 9);

        AssertClose(module.forward(x), new GraphExecutor(graph).Forward(x, NoTensors, training: false));
    }

    [Fact]
    public void AdaptiveAvgPool2d_matches_the_module()
    {
        using var scope = NewDisposeScope();
        using var module = nn.AdaptiveAvgPool2d((2, 3));
        var x = randn(2, 3, 7, 8);

        var actual = new GraphExecutor(Single(OpKind.AdaptiveAvgPool2d, [Attr("output_size", 2, 3)])).Forward(x, NoTensors, training: false);

        AssertClose(module.forward(x), actual);
    }
}

using Ghn.Graphs;

namespace Ghn.Graphs.Tests;

public sealed class ShapeInferenceTests
{
    private static readonly KeyValuePair<string, AttributeValue>[] Conv3x3 =
    [
        new("kernel", AttributeValue.Of([3, 3])), new("stride", AttributeValue.Of([2, 2])), new("padding", AttributeValue.Of([1, 1])),
        new("dilation", AttributeValue.Of([1, 1])), new("groups", AttributeValue.Of(1)),
    ];

    [Fact]
    public void Shapes_follow_the_ops()
    {
        var graph = new ArchitectureGraph(
        [
            new OpNode(0, OpKind.Input),
            new OpNode(1, OpKind.Conv2d, [0], Conv3x3, [new TensorSpec("conv.weight", [8, 1, 3, 3])], module: "conv"),
            new OpNode(2, OpKind.Cat, [1, 1], [new("dim", AttributeValue.Of(1))]),
            new OpNode(3, OpKind.Mean, [2], [new("dims", AttributeValue.Of([2, 3])), new("keepdim", AttributeValue.Of(false))]),
            new OpNode(4, OpKind.Linear, [3], parameters: [new TensorSpec("fc.weight", [10, 16]), new TensorSpec("fc.bias", [10])], module: "fc"),
            new OpNode(5, OpKind.Output, [4]),
        ]);

        var shapes = ShapeInference.Infer(graph, [4, 1, 28, 28]);

        Assert.Equal([4, 8, 14, 14], shapes[1]);
        Assert.Equal([4, 16, 14, 14], shapes[2]);
        Assert.Equal([4, 16], shapes[3]);
        Assert.Equal([4, 10], shapes[5]);
    }

    [Fact]
    public void A_convolution_with_the_wrong_input_channels_is_named()
    {
        var graph = new ArchitectureGraph(
        [
            new OpNode(0, OpKind.Input),
            new OpNode(1, OpKind.Conv2d, [0], Conv3x3, [new TensorSpec("features.0.weight", [8, 3, 3, 3])], module: "features.0"),
            new OpNode(2, OpKind.Output, [1]),
        ]);

        var error = Assert.Throws<GraphFormatException>(() => ShapeInference.Infer(graph, [1, 1, 28, 28]));
        Assert.Contains("node 1 (conv2d features.0)", error.Message);
        Assert.Contains("receives 1 channels but its weight expects 3", error.Message);
    }

    [Fact]
    public void Sums_that_do_not_broadcast_are_rejected()
    {
        var graph = new ArchitectureGraph(
        [
            new OpNode(0, OpKind.Input),
            new OpNode(1, OpKind.Conv2d, [0], Conv3x3, [new TensorSpec("conv.weight", [8, 1, 3, 3])], module: "conv"),
            new OpNode(2, OpKind.Add, [0, 1]),
            new OpNode(3, OpKind.Output, [2]),
        ]);

        var error = Assert.Throws<GraphFormatException>(() => ShapeInference.Infer(graph, [1, 1, 28, 28]));
        Assert.Contains("[1, 1, 28, 28] and [1, 8, 14, 14], which do not broadcast", error.Message);
    }

    [Fact]
    public void Pooling_below_one_pixel_is_rejected()
    {
        var graph = new ArchitectureGraph(
        [
            new OpNode(0, OpKind.Input),
            new OpNode(1, OpKind.MaxPool2d, [0],
            [
                new("kernel", AttributeValue.Of([4, 4])), new("stride", AttributeValue.Of([4, 4])), new("padding", AttributeValue.Of([0, 0])),
                new("dilation", AttributeValue.Of([1, 1])), new("ceil_mode", AttributeValue.Of(false)),
            ]),
            new OpNode(2, OpKind.Output, [1]),
        ]);

        Assert.Equal([1, 1, 1, 1], ShapeInference.Infer(graph, [1, 1, 4, 4])[^1]);
        var error = Assert.Throws<GraphFormatException>(() => ShapeInference.Infer(graph, [1, 1, 3, 3]));
        Assert.Contains("below one pixel", error.Message);
    }
}

using Ghn.Graphs;

namespace Ghn.Graphs.Tests;

/// <summary>Small hand-built architecture graphs for the graph-model tests.</summary>
internal static class SampleGraphs
{
    public static KeyValuePair<string, AttributeValue> Attr(string name, AttributeValue value) => new(name, value);

    public static OpNode Conv(int id, int input, string module, int outChannels, int inChannels, int kernel, bool bias = true, int groups = 1, int dilation = 1) => new(
        id,
        OpKind.Conv2d,
        [input],
        [
            Attr("kernel", AttributeValue.Of([kernel, kernel])),
            Attr("stride", AttributeValue.Of([1, 1])),
            Attr("padding", AttributeValue.Of([kernel / 2 * dilation, kernel / 2 * dilation])),
            Attr("dilation", AttributeValue.Of([dilation, dilation])),
            Attr("groups", AttributeValue.Of(groups)),
        ],
        bias
            ? [new TensorSpec(module + ".weight", [outChannels, inChannels / groups, kernel, kernel]), new TensorSpec(module + ".bias", [outChannels])]
            : [new TensorSpec(module + ".weight", [outChannels, inChannels / groups, kernel, kernel])],
        module: module);

    public static OpNode BatchNorm(int id, int input, string module, int channels) => new(
        id,
        OpKind.BatchNorm,
        [input],
        [Attr("eps", AttributeValue.Of(1e-5)), Attr("momentum", AttributeValue.Of(0.1))],
        [new TensorSpec(module + ".weight", [channels]), new TensorSpec(module + ".bias", [channels])],
        [new TensorSpec(module + ".running_mean", [channels]), new TensorSpec(module + ".running_var", [channels]), new TensorSpec(module + ".num_batches_tracked", [])],
        module);

    public static OpNode Simple(int id, OpKind kind, params int[] inputs) => new(id, kind, inputs);

    public static OpNode GlobalPool(int id, int input) =>
        new(id, OpKind.AdaptiveAvgPool2d, [input], [Attr("output_size", AttributeValue.Of([1, 1]))]);

    public static OpNode Flatten(int id, int input) =>
        new(id, OpKind.Flatten, [input], [Attr("start_dim", AttributeValue.Of(1)), Attr("end_dim", AttributeValue.Of(-1))]);

    public static OpNode Linear(int id, int input, string module, int outFeatures, int inFeatures, bool bias = true) => new(
        id,
        OpKind.Linear,
        [input],
        parameters: bias
            ? [new TensorSpec(module + ".weight", [outFeatures, inFeatures]), new TensorSpec(module + ".bias", [outFeatures])]
            : [new TensorSpec(module + ".weight", [outFeatures, inFeatures])],
        module: module);

    /// <summary>The fixture's residual_block model: stem, a residual block, global pool, classifier.</summary>
    public static ArchitectureGraph ResidualBlock() => new(
    [
        new OpNode(0, OpKind.Input),
        Conv(1, 0, "stem", 16, 1, 3, bias: false),
        BatchNorm(2, 1, "bn0", 16),
        Simple(3, OpKind.Relu, 2),
        Conv(4, 3, "conv1", 16, 16, 3, bias: false),
        BatchNorm(5, 4, "bn1", 16),
        Simple(6, OpKind.Relu, 5),
        Conv(7, 6, "conv2", 16, 16, 3, bias: false),
        BatchNorm(8, 7, "bn2", 16),
        Simple(9, OpKind.Add, 3, 8),
        Simple(10, OpKind.Relu, 9),
        GlobalPool(11, 10),
        Flatten(12, 11),
        Linear(13, 12, "fc", 10, 16),
        Simple(14, OpKind.Output, 13),
    ]);
}

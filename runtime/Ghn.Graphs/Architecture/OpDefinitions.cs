using static Ghn.Graphs.ShapeRules;

namespace Ghn.Graphs;

/// <summary>Computes a node's output shape from its input shapes, in argument order.</summary>
/// <exception cref="GraphFormatException">The input shapes do not fit the node; the message names it.</exception>
public delegate int[] ShapeRule(OpNode node, IReadOnlyList<int[]> inputs);

/// <summary>
/// What an op means, in one place: the name it has in graph JSON, how its output shape follows from its inputs, and
/// how <see cref="ArchitectureGraph.ToPrimitiveGraph"/> maps it to the GHN's primitive graph. Its kernel, which needs LibTorch, is
/// the engine's (<c>Ghn.Engine</c>'s <c>OpKernels</c>, one per kind; a test holds both tables to every
/// <see cref="OpKind"/>).
/// </summary>
/// <param name="Kind">The op.</param>
/// <param name="Name">Its JSON name.</param>
/// <param name="Shape">Its shape rule.</param>
/// <param name="Primitive">Its primitive-graph mapping.</param>
public sealed record OpDefinition(OpKind Kind, string Name, ShapeRule Shape, PrimitiveMapping Primitive);

/// <summary>The <see cref="OpDefinition"/> of every <see cref="OpKind"/>, in declaration order.</summary>
public static class OpDefinitions
{
    /// <summary>Every definition; entry <c>i</c> defines <c>(OpKind)i</c>.</summary>
    public static IReadOnlyList<OpDefinition> All { get; } =
    [
        new(OpKind.Input, "input", Given, PrimitiveMapping.Input),
        new(OpKind.Output, "output", Same, PrimitiveMapping.Edge),
        new(OpKind.Conv2d, "conv2d", (n, x) => Conv2d(n, x[0]), PrimitiveMapping.WeightAndBias),
        new(OpKind.Linear, "linear", (n, x) => x.Count > 1 ? TensorLinear(n, x) : Linear(n, x[0]), PrimitiveMapping.WeightAndBias),
        new(OpKind.BatchNorm, "batch_norm", (n, x) => BatchNorm(n, x[0]), PrimitiveMapping.BatchNorm),
        new(OpKind.LayerNorm, "layer_norm", (n, x) => LayerNorm(n, x[0]), PrimitiveMapping.LayerNorm),
        new(OpKind.Relu, "relu", Same, PrimitiveMapping.Edge),
        new(OpKind.Relu6, "relu6", Same, PrimitiveMapping.Edge),
        new(OpKind.LeakyRelu, "leaky_relu", Same, PrimitiveMapping.Edge),
        new(OpKind.Elu, "elu", Same, PrimitiveMapping.Edge),
        new(OpKind.Gelu, "gelu", Same, PrimitiveMapping.Edge),
        new(OpKind.Silu, "silu", Same, PrimitiveMapping.Edge),
        new(OpKind.Hardswish, "hardswish", Same, PrimitiveMapping.Edge),
        new(OpKind.Sigmoid, "sigmoid", Same, PrimitiveMapping.Edge),
        new(OpKind.Hardsigmoid, "hardsigmoid", Same, PrimitiveMapping.Edge),
        new(OpKind.Tanh, "tanh", Same, PrimitiveMapping.Edge),
        new(OpKind.Softmax, "softmax", SameAlongDimension, PrimitiveMapping.Edge),
        new(OpKind.Dropout, "dropout", Same, PrimitiveMapping.Edge),
        new(OpKind.MaxPool2d, "max_pool2d", (n, x) => Pool(n, x[0]), PrimitiveMapping.MaxPool),
        new(OpKind.AvgPool2d, "avg_pool2d", (n, x) => Pool(n, x[0]), PrimitiveMapping.AvgPool),
        new(OpKind.AdaptiveAvgPool2d, "adaptive_avg_pool2d", (n, x) => AdaptivePool(n, x[0]), PrimitiveMapping.GlobalAverage),
        new(OpKind.Mean, "mean", (n, x) => Mean(n, x[0]), PrimitiveMapping.GlobalAverage),
        new(OpKind.Flatten, "flatten", (n, x) => Flatten(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Reshape, "reshape", (n, x) => Reshape(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Add, "add", BroadcastAll, PrimitiveMapping.Sum),
        new(OpKind.Mul, "mul", BroadcastAll, PrimitiveMapping.Product),
        new(OpKind.Cat, "cat", Cat, PrimitiveMapping.Concat),
        new(OpKind.Identity, "identity", Same, PrimitiveMapping.Edge),
        // A difference is a sum with a sign; a quotient or a matrix product, a product of activations (the nearest primitives).
        new(OpKind.Sub, "sub", BroadcastAll, PrimitiveMapping.Sum),
        new(OpKind.Div, "div", BroadcastAll, PrimitiveMapping.Product),
        new(OpKind.Transpose, "transpose", (n, x) => Transpose(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Permute, "permute", (n, x) => Permute(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Unsqueeze, "unsqueeze", (n, x) => Unsqueeze(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Squeeze, "squeeze", (n, x) => Squeeze(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Chunk, "chunk", (n, x) => Chunk(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Narrow, "narrow", (n, x) => Narrow(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Matmul, "matmul", (n, x) => Matmul(n, x[0], x[1]), PrimitiveMapping.Product),
        new(OpKind.LogSoftmax, "log_softmax", SameAlongDimension, PrimitiveMapping.Edge),
        new(OpKind.Softplus, "softplus", Same, PrimitiveMapping.Edge),
        new(OpKind.Mish, "mish", Same, PrimitiveMapping.Edge),
        new(OpKind.Dropout2d, "dropout2d", Same, PrimitiveMapping.Edge),
        new(OpKind.AdaptiveMaxPool2d, "adaptive_max_pool2d", (n, x) => AdaptivePool(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Pad, "pad", (n, x) => Pad(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Interpolate, "interpolate", (n, x) => Interpolate(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.ConvTranspose2d, "conv_transpose2d", (n, x) => ConvTranspose2d(n, x[0]), PrimitiveMapping.WeightAndBias),
        // The reference has no group or instance norm: their per-channel affine weights are nearest to BatchNorm's.
        new(OpKind.GroupNorm, "group_norm", (n, x) => BatchNorm(n, x[0]), PrimitiveMapping.BatchNorm),
        new(OpKind.InstanceNorm, "instance_norm", (n, x) => BatchNorm(n, x[0]), PrimitiveMapping.BatchNorm),
        new(OpKind.Tensor, "tensor", (n, _) => [.. n.Parameters.Concat(n.Buffers).Single().Shape], PrimitiveMapping.ModelTensor),
        new(OpKind.Expand, "expand", (n, x) => Expand(n, x[0], x.Count > 1 ? x[1] : null), PrimitiveMapping.Edge),
        new(OpKind.Select, "select", (n, x) => Select(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Slice, "slice", (n, x) => Slice(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.Embedding, "embedding", (n, x) => [.. x[0], Weight(n)[1]], PrimitiveMapping.EmbeddingTable),
        new(OpKind.Arange, "arange", (n, _) => [Arange(n)], PrimitiveMapping.None),
        new(OpKind.MaskedFill, "masked_fill", BroadcastAll, PrimitiveMapping.Edge),
        new(OpKind.Compare, "compare", BroadcastAll, PrimitiveMapping.Edge),
        // The reference has no node type for recurrent weights: the layer is an edge, its weights not predicted.
        new(OpKind.Rnn, "rnn", (n, x) => Rnn(n, x[0]), PrimitiveMapping.Edge),
        new(OpKind.MultiheadAttention, "multihead_attention", Attention, PrimitiveMapping.ProjectedAttention),
        new(OpKind.EmbeddingBag, "embedding_bag", (n, x) => [x.Count > 1 ? x[1][0] : x[0][0], Weight(n)[1]], PrimitiveMapping.EmbeddingTable),
        new(OpKind.ScaledDotProductAttention, "scaled_dot_product_attention", (_, x) => [.. x[0].Take(x[0].Length - 1), x[2][^1]], PrimitiveMapping.Attention),
        new(OpKind.Full, "full", (n, x) => Full(n, x[0]), PrimitiveMapping.None),
        new(OpKind.Pointwise, "pointwise", Same, PrimitiveMapping.Edge),
        new(OpKind.Sum, "sum", (n, x) => Mean(n, x[0]), PrimitiveMapping.Edge),
        // Stacking joins tensors as a concatenation does (the nearest primitive).
        new(OpKind.Stack, "stack", Stack, PrimitiveMapping.Concat),
        new(OpKind.Cast, "cast", Same, PrimitiveMapping.Edge),
    ];

    /// <summary>The definition of <paramref name="kind"/>.</summary>
    public static OpDefinition Of(OpKind kind) => All[(int)kind];
}

using Ghn.Graphs;

namespace Ghn.Training.Sampling.Building;

/// <summary>
/// Appends ops to an <see cref="ArchitectureGraph"/> under construction, one method per op, following the
/// attribute, parameter and buffer conventions of <see cref="OpKind"/>. Every node's output shape is inferred
/// by <see cref="ShapeInference"/> as it is added, so a mistake surfaces at the node that makes it and the
/// finished graph is valid by construction. <c>module</c> arguments are the TorchSharp module paths that name
/// the parameters (<c>layer1.0.conv1</c> gives <c>layer1.0.conv1.weight</c>).
/// </summary>
internal sealed class NetworkBuilder
{
    private const double BatchNormEps = 1e-5;
    private const double BatchNormMomentum = 0.1;
    private const double LayerNormEps = 1e-5;

    private readonly List<OpNode> _nodes = [];

    /// <summary>Starts a graph whose input has <paramref name="inputShape"/> (batch first).</summary>
    public NetworkBuilder(IReadOnlyList<int> inputShape)
    {
        _nodes.Add(new OpNode(0, OpKind.Input));
        Input = new Feature(0, inputShape.ToArray());
    }

    /// <summary>The network input.</summary>
    public Feature Input { get; }

    /// <summary>The number of learnable scalars added so far.</summary>
    public long ParameterCount { get; private set; }

    /// <summary>A 2-D convolution; padding defaults to "same" for odd kernels (<c>dilation × (kernel − 1) / 2</c>).</summary>
    public Feature Conv(Feature x, string module, int outChannels, int kernel, int stride = 1, int? padding = null, int dilation = 1, int groups = 1, bool bias = false)
    {
        var pad = padding ?? (dilation * (kernel - 1) / 2);
        List<TensorSpec> parameters = [new($"{module}.weight", [outChannels, x.Channels / groups, kernel, kernel])];
        if (bias)
        {
            parameters.Add(new($"{module}.bias", [outChannels]));
        }

        return Append(OpKind.Conv2d, [x], module, parameters,
            attributes: [Ints("kernel", kernel, kernel), Ints("stride", stride, stride), Ints("padding", pad, pad), Ints("dilation", dilation, dilation), new("groups", AttributeValue.Of(groups))]);
    }

    /// <summary>A fully connected layer over the last dimension.</summary>
    public Feature Linear(Feature x, string module, int outFeatures, bool bias = true)
    {
        List<TensorSpec> parameters = [new($"{module}.weight", [outFeatures, x.Shape[^1]])];
        if (bias)
        {
            parameters.Add(new($"{module}.bias", [outFeatures]));
        }

        return Append(OpKind.Linear, [x], module, parameters);
    }

    /// <summary>BatchNorm1d/2d over dimension 1, affine and tracking running statistics (TorchSharp's defaults).</summary>
    public Feature BatchNorm(Feature x, string module)
    {
        var channels = x.Channels;
        return Append(OpKind.BatchNorm, [x], module,
            [new($"{module}.weight", [channels]), new($"{module}.bias", [channels])],
            [new("eps", AttributeValue.Of(BatchNormEps)), new("momentum", AttributeValue.Of(BatchNormMomentum))],
            [new($"{module}.running_mean", [channels]), new($"{module}.running_var", [channels]), new($"{module}.num_batches_tracked", [])]);
    }

    /// <summary>LayerNorm over the last dimension, elementwise-affine.</summary>
    public Feature LayerNorm(Feature x, string module)
    {
        var features = x.Shape[^1];
        return Append(OpKind.LayerNorm, [x], module,
            [new($"{module}.weight", [features]), new($"{module}.bias", [features])],
            [Ints("normalized_shape", features), new("eps", AttributeValue.Of(LayerNormEps))]);
    }

    /// <summary>GroupNorm over dimension 1 in <paramref name="groups"/> groups, with or without affine parameters.</summary>
    public Feature GroupNorm(Feature x, string module, int groups, bool affine)
    {
        var channels = x.Channels;
        return Append(OpKind.GroupNorm, [x], module,
            affine ? [new($"{module}.weight", [channels]), new($"{module}.bias", [channels])] : [],
            [new("num_groups", AttributeValue.Of(groups)), new("eps", AttributeValue.Of(BatchNormEps))]);
    }

    /// <summary>InstanceNorm2d without running statistics (TorchSharp's default), with or without affine parameters.</summary>
    public Feature InstanceNorm(Feature x, string module, bool affine)
    {
        var channels = x.Channels;
        return Append(OpKind.InstanceNorm, [x], module,
            affine ? [new($"{module}.weight", [channels]), new($"{module}.bias", [channels])] : [],
            [new("eps", AttributeValue.Of(BatchNormEps)), new("momentum", AttributeValue.Of(BatchNormMomentum))]);
    }

    /// <summary>A 2-D transposed convolution without padding: <c>kernel = stride</c> multiplies the spatial size by the stride.</summary>
    public Feature ConvTranspose(Feature x, string module, int outChannels, int kernel, int stride, bool bias)
    {
        List<TensorSpec> parameters = [new($"{module}.weight", [x.Channels, outChannels, kernel, kernel])];
        if (bias)
        {
            parameters.Add(new($"{module}.bias", [outChannels]));
        }

        return Append(OpKind.ConvTranspose2d, [x], module, parameters,
            attributes: [Ints("kernel", kernel, kernel), Ints("stride", stride, stride), Ints("padding", 0, 0), Ints("output_padding", 0, 0), Ints("dilation", 1, 1), new("groups", AttributeValue.Of(1))]);
    }

    /// <summary>Upsampling by an integral <paramref name="scale"/> (<c>Upsample</c> when <paramref name="module"/> names it, else <c>interpolate</c>).</summary>
    public Feature Upsample(Feature x, string? module, int scale, string mode) =>
        Append(OpKind.Interpolate, [x], module, attributes:
            [Ints("size"), Ints("scale", scale, scale), new("mode", AttributeValue.Of(mode)), new("align_corners", AttributeValue.Of(false))]);

    /// <summary>Adaptive max pooling to a <paramref name="size"/>×<paramref name="size"/> map.</summary>
    public Feature AdaptiveMaxPool(Feature x, string module, int size) => Append(OpKind.AdaptiveMaxPool2d, [x], module, attributes: [Ints("output_size", size, size)]);

    /// <summary>A learned tensor of the model read directly by forward (a class token, a position embedding), initialised by the GHN like any parameter.</summary>
    public Feature Tensor(string name, params int[] shape) =>
        Append(OpKind.Tensor, [], module: name.Contains('.') ? name[..name.LastIndexOf('.')] : "", parameters: [new(name, shape)]);

    /// <summary><c>token.expand(x.size(0), -1, -1)</c>: <paramref name="token"/> repeated over the batch of <paramref name="reference"/>.</summary>
    public Feature ExpandOverBatch(Feature token, Feature reference)
    {
        var keep = Enumerable.Repeat(-1, token.Shape.Length).ToArray();
        var referenceDims = Enumerable.Repeat(-1, token.Shape.Length).ToArray();
        referenceDims[0] = 0;
        return Append(OpKind.Expand, [token, reference], null, attributes: [Ints("sizes", keep), Ints("reference_dims", referenceDims)]);
    }

    /// <summary><c>x.transpose(dim0, dim1)</c>.</summary>
    public Feature Transpose(Feature x, int dim0, int dim1) =>
        Append(OpKind.Transpose, [x], null, attributes: [new("dim0", AttributeValue.Of(dim0)), new("dim1", AttributeValue.Of(dim1))]);

    /// <summary><c>x.permute(dims)</c>.</summary>
    public Feature Permute(Feature x, params int[] dims) => Append(OpKind.Permute, [x], null, attributes: [Ints("dims", dims)]);

    /// <summary>The matrix product <c>a.matmul(b)</c>.</summary>
    public Feature Matmul(Feature a, Feature b) => Append(OpKind.Matmul, [a, b], null);

    /// <summary><c>x / divisor</c> by a constant.</summary>
    public Feature Divide(Feature x, double divisor) => Append(OpKind.Div, [x], null, attributes: [new("scalar", AttributeValue.Of(divisor))]);

    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public Feature Softmax(Feature x, int dim) => Append(OpKind.Softmax, [x], null, attributes: [new("dim", AttributeValue.Of(dim))]);

    /// <summary>Log-softmax along <paramref name="dim"/>, as classifiers trained with NLL loss end.</summary>
    public Feature LogSoftmax(Feature x, int dim, string? module) => Append(OpKind.LogSoftmax, [x], module, attributes: [new("dim", AttributeValue.Of(dim))]);

    /// <summary>
    /// <c>nn.MultiheadAttention</c> self-attention over a sequence-first <c>[L, N, E]</c> input, with the input and output
    /// projections it owns.
    /// </summary>
    public Feature SelfAttention(Feature x, string module, int heads)
    {
        var embedding = x.Shape[^1];
        return Append(OpKind.MultiheadAttention, [x, x, x], module,
            [new($"{module}.in_proj_weight", [3 * embedding, embedding]), new($"{module}.in_proj_bias", [3 * embedding]),
             new($"{module}.out_proj.weight", [embedding, embedding]), new($"{module}.out_proj.bias", [embedding])],
            [new("num_heads", AttributeValue.Of(heads)), new("dropout", AttributeValue.Of(0.0)), new("key_padding_mask", AttributeValue.Of(false)),
             new("attn_mask", AttributeValue.Of(false)), new("result", AttributeValue.Of(0))]);
    }

    /// <summary>One index along a dimension, removed (<c>x.select(dim, index)</c>).</summary>
    public Feature Select(Feature x, int dim, int index) =>
        Append(OpKind.Select, [x], null, attributes: [new("dim", AttributeValue.Of(dim)), new("index", AttributeValue.Of(index))]);

    /// <summary>A nonlinearity; <paramref name="module"/> names it when it is a child of a <c>Sequential</c>.</summary>
    public Feature Activate(Feature x, Activation activation, string? module = null)
    {
        var (kind, attributes) = activation.ToOp();
        return Append(kind, [x], module, attributes: attributes);
    }

    /// <summary>The logistic sigmoid (or its hard variant) that gates a squeeze-and-excitation block.</summary>
    public Feature Gate(Feature x, bool hard) => Append(hard ? OpKind.Hardsigmoid : OpKind.Sigmoid, [x], null);

    /// <summary>Dropout with probability <paramref name="p"/> (identity at evaluation).</summary>
    public Feature Dropout(Feature x, double p, string? module) => Append(OpKind.Dropout, [x], module, attributes: [new("p", AttributeValue.Of(p))]);

    /// <summary>Max pooling with a square window.</summary>
    public Feature MaxPool(Feature x, string? module, int kernel, int stride, int padding = 0) =>
        Append(OpKind.MaxPool2d, [x], module, attributes:
            [Ints("kernel", kernel, kernel), Ints("stride", stride, stride), Ints("padding", padding, padding), Ints("dilation", 1, 1), new("ceil_mode", AttributeValue.Of(false))]);

    /// <summary>Average pooling with a square window; padded cells are excluded from the average, as DARTS cells do.</summary>
    public Feature AvgPool(Feature x, string? module, int kernel, int stride, int padding = 0) =>
        Append(OpKind.AvgPool2d, [x], module, attributes:
            [Ints("kernel", kernel, kernel), Ints("stride", stride, stride), Ints("padding", padding, padding), new("ceil_mode", AttributeValue.Of(false)), new("count_include_pad", AttributeValue.Of(padding == 0))]);

    /// <summary>Global average pooling to <c>[N, C, 1, 1]</c> by an <c>AdaptiveAvgPool2d(1)</c> module.</summary>
    public Feature AdaptiveAvgPool(Feature x, string module) => Append(OpKind.AdaptiveAvgPool2d, [x], module, attributes: [Ints("output_size", 1, 1)]);

    /// <summary>The spatial mean <c>x.mean([2, 3], keepdim)</c>.</summary>
    public Feature SpatialMean(Feature x, bool keepDimensions) => Mean(x, keepDimensions, 2, 3);

    /// <summary>The mean <c>x.mean(dims, keepdim)</c>.</summary>
    public Feature Mean(Feature x, bool keepDimensions, params int[] dims) =>
        Append(OpKind.Mean, [x], null, attributes: [Ints("dims", dims), new("keepdim", AttributeValue.Of(keepDimensions))]);

    /// <summary><c>x.flatten(startDim)</c>: <c>flatten(1)</c> makes vectors, <c>flatten(2)</c> turns a map into a sequence of positions.</summary>
    public Feature Flatten(Feature x, int startDim = 1) => Append(OpKind.Flatten, [x], null, attributes: [new("start_dim", AttributeValue.Of(startDim)), new("end_dim", AttributeValue.Of(-1))]);

    /// <summary>The elementwise sum of two or more features.</summary>
    public Feature Sum(IReadOnlyList<Feature> inputs) => inputs.Count == 1 ? inputs[0] : Append(OpKind.Add, inputs, null);

    /// <summary>The broadcasting product <c>x * gate</c>.</summary>
    public Feature Multiply(Feature x, Feature gate) => Append(OpKind.Mul, [x, gate], null);

    /// <summary>Concatenation along <paramref name="dim"/> (channels by default); a single input is returned as is.</summary>
    public Feature Concat(IReadOnlyList<Feature> inputs, int dim = 1) =>
        inputs.Count == 1 ? inputs[0] : Append(OpKind.Cat, inputs, null, attributes: [new("dim", AttributeValue.Of(dim))]);

    /// <summary>Finishes the graph with an output node reading <paramref name="logits"/>.</summary>
    public ArchitectureGraph Build(Feature logits)
    {
        _nodes.Add(new OpNode(_nodes.Count, OpKind.Output, [logits.Id]));
        return new ArchitectureGraph(_nodes);
    }

    private Feature Append(
        OpKind kind,
        IReadOnlyList<Feature> inputs,
        string? module,
        IReadOnlyList<TensorSpec>? parameters = null,
        IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = null,
        IReadOnlyList<TensorSpec>? buffers = null)
    {
        var node = new OpNode(_nodes.Count, kind, inputs.Select(i => i.Id), attributes, parameters, buffers, module);
        var shape = ShapeInference.InferNode(node, inputs.Select(i => i.Shape).ToArray());
        _nodes.Add(node);
        ParameterCount += node.Parameters.Sum(p => p.ElementCount);
        return new Feature(node.Id, shape);
    }

    private static KeyValuePair<string, AttributeValue> Ints(string name, params int[] values) => new(name, AttributeValue.Of(values));
}

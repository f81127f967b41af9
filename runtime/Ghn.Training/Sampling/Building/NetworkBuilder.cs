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
    public Feature SpatialMean(Feature x, bool keepDimensions) =>
        Append(OpKind.Mean, [x], null, attributes: [Ints("dims", 2, 3), new("keepdim", AttributeValue.Of(keepDimensions))]);

    /// <summary><c>x.flatten(1)</c>.</summary>
    public Feature Flatten(Feature x) => Append(OpKind.Flatten, [x], null, attributes: [new("start_dim", AttributeValue.Of(1)), new("end_dim", AttributeValue.Of(-1))]);

    /// <summary>The elementwise sum of two or more features.</summary>
    public Feature Sum(IReadOnlyList<Feature> inputs) => inputs.Count == 1 ? inputs[0] : Append(OpKind.Add, inputs, null);

    /// <summary>The broadcasting product <c>x * gate</c>.</summary>
    public Feature Multiply(Feature x, Feature gate) => Append(OpKind.Mul, [x, gate], null);

    /// <summary>Concatenation along channels; a single input is returned as is.</summary>
    public Feature Concat(IReadOnlyList<Feature> inputs) =>
        inputs.Count == 1 ? inputs[0] : Append(OpKind.Cat, inputs, null, attributes: [new("dim", AttributeValue.Of(1))]);

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

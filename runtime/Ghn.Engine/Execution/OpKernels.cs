using Ghn.Graphs;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Ghn;

/// <summary>
/// Builds the <see cref="Kernel"/> of a node: the <c>torch.nn.functional</c> form of its op, with the attributes
/// read once, up front, following the conventions documented on <see cref="OpKind"/>.
/// </summary>
internal static class OpKernels
{
    /// <summary>The kernel factory of every op but <see cref="OpKind.Input"/>, whose value is given.</summary>
    private static readonly Dictionary<OpKind, Func<OpNode, Kernel>> Factories = new()
    {
        [OpKind.Conv2d] = Conv2d,
        // functional.linear(x, w[, b]) with tensors computed in forward: the weight and bias are inputs.
        [OpKind.Linear] = node => node.Inputs.Count > 1
            ? (x, _, _) => F.linear(x[0], x[1], x.Length > 2 ? x[2] : null)
            : (x, t, _) => F.linear(x[0], t.Parameter("weight")!, t.Parameter("bias")),
        [OpKind.BatchNorm] = BatchNorm,
        [OpKind.LayerNorm] = LayerNorm,
        [OpKind.Relu] = _ => (x, _, _) => F.relu(x[0]),
        [OpKind.Relu6] = _ => (x, _, _) => F.relu6(x[0]),
        [OpKind.LeakyRelu] = node => Unary(node, "negative_slope", (x, slope) => F.leaky_relu(x, slope)),
        [OpKind.Elu] = node => Unary(node, "alpha", (x, alpha) => F.elu(x, alpha)),
        [OpKind.Gelu] = Gelu,
        [OpKind.Silu] = _ => (x, _, _) => F.silu(x[0]),
        [OpKind.Hardswish] = _ => (x, _, _) => F.hardswish(x[0]),
        [OpKind.Sigmoid] = _ => (x, _, _) => F.sigmoid(x[0]),
        [OpKind.Hardsigmoid] = _ => (x, _, _) => F.hardsigmoid(x[0]),
        [OpKind.Tanh] = _ => (x, _, _) => F.tanh(x[0]),
        [OpKind.Softmax] = Softmax,
        [OpKind.Dropout] = Dropout,
        [OpKind.MaxPool2d] = MaxPool2d,
        [OpKind.AvgPool2d] = AvgPool2d,
        [OpKind.AdaptiveAvgPool2d] = AdaptiveAvgPool2d,
        [OpKind.Mean] = node => Reduce(node, (x, dims, keep) => x.mean(dims, keep)),
        [OpKind.Sum] = node => Reduce(node, (x, dims, keep) => x.sum(dims, keep)),
        [OpKind.Stack] = node => (x, _, _) => stack(x, node.Attribute("dim").AsInt()),
        [OpKind.Pointwise] = Pointwise,
        [OpKind.Cast] = node => (x, _, _) => x[0].to_type(Enum.Parse<ScalarType>(node.Attribute("dtype").AsString())),
        [OpKind.Flatten] = Flatten,
        [OpKind.Reshape] = Reshape,
        [OpKind.Add] = node => Elementwise(node, (a, b) => a + b, (a, s) => a + s, (s, a) => s + a),
        [OpKind.Mul] = node => Elementwise(node, (a, b) => a * b, (a, s) => a * s, (s, a) => s * a),
        [OpKind.Cat] = Cat,
        [OpKind.Sub] = node => Elementwise(node, (a, b) => a - b, (a, s) => a - s, (s, a) => s - a),
        [OpKind.Div] = node => Elementwise(node, (a, b) => a / b, (a, s) => a / s, (s, a) => s / a),
        [OpKind.Transpose] = node => Dims(node, (x, d) => x.transpose(d[0], d[1]), "dim0", "dim1"),
        [OpKind.Permute] = Permute,
        [OpKind.Unsqueeze] = node => Dims(node, (x, d) => x.unsqueeze(d[0]), "dim"),
        [OpKind.Squeeze] = Squeeze,
        [OpKind.Chunk] = node => Dims(node, (x, d) => x.chunk(d[0], d[1])[d[2]], "chunks", "dim", "index"),
        [OpKind.Narrow] = node => Dims(node, (x, d) => x.narrow(d[0], d[1], d[2]), "dim", "start", "length"),
        [OpKind.Matmul] = _ => (x, _, _) => x[0].matmul(x[1]),
        [OpKind.LogSoftmax] = node => Dims(node, (x, d) => F.log_softmax(x, d[0]), "dim"),
        [OpKind.Softplus] = Softplus,
        [OpKind.Mish] = _ => (x, _, _) => F.mish(x[0]),
        [OpKind.Dropout2d] = Dropout2d,
        [OpKind.AdaptiveMaxPool2d] = AdaptiveMaxPool2d,
        [OpKind.Pad] = Pad,
        [OpKind.Interpolate] = Interpolate,
        [OpKind.ConvTranspose2d] = ConvTranspose2d,
        [OpKind.GroupNorm] = GroupNorm,
        [OpKind.InstanceNorm] = InstanceNorm,
        // The model's own tensor, aliased so that the executor can dispose the value without touching the model.
        [OpKind.Tensor] = _ => (_, t, _) => t.Only().alias(),
        [OpKind.Expand] = Expand,
        [OpKind.Select] = node => Dims(node, (x, d) => x.select(d[0], d[1]), "dim", "index"),
        [OpKind.Slice] = Slice,
        [OpKind.Embedding] = _ => (x, t, _) => t.Parameter("weight")!.index_select(0, x[0].flatten()).reshape([.. x[0].shape, -1]),
        [OpKind.EmbeddingBag] = EmbeddingBag,
        [OpKind.Arange] = Arange,
        [OpKind.Full] = Full,
        [OpKind.MaskedFill] = MaskedFill,
        [OpKind.Compare] = Compare,
        [OpKind.Rnn] = RecurrentLayers.Kernel,
        [OpKind.MultiheadAttention] = MultiheadAttention.Kernel,
        [OpKind.ScaledDotProductAttention] = ScaledDotProductAttention,
        [OpKind.Identity] = _ => (x, _, _) => x[0],
        [OpKind.Output] = _ => (x, _, _) => x[0],
    };

    /// <summary>The ops the executor can run.</summary>
    public static IReadOnlyCollection<OpKind> Kinds => Factories.Keys;

    public static Kernel Create(OpNode node) => Factories.TryGetValue(node.Kind, out var create)
        ? create(node)
        : throw new ArgumentException($"Node {node} has op '{node.Kind.ToName()}', which the graph executor cannot run.", nameof(node));

    private static Kernel Conv2d(OpNode node)
    {
        var stride = Longs(node, "stride");
        var padding = Longs(node, "padding");
        var dilation = Longs(node, "dilation");
        var groups = node.Attribute("groups").AsInt();
        return (x, t, _) => F.conv2d(x[0], t.Parameter("weight")!, t.Parameter("bias"), stride, padding, dilation, groups);
    }

    private static Kernel BatchNorm(OpNode node)
    {
        var eps = node.Attribute("eps").AsDouble();
        var momentum = Momentum(node);
        return (x, t, training) =>
        {
            var runningMean = t.Buffer("running_mean");
            var runningVar = t.Buffer("running_var");
            // As nn.BatchNorm does: batch statistics in training (updating the running ones when there are
            // some) and whenever there are no running statistics; the running statistics in evaluation.
            var useBatchStatistics = training || runningMean is null;
            var factor = TrackBatch(t, training, momentum);
            return F.batch_norm(x[0], runningMean, runningVar, t.Parameter("weight"), t.Parameter("bias"), useBatchStatistics, factor, eps);
        };
    }

    /// <summary>The node's momentum, or null for a cumulative average of the batches seen (PyTorch's <c>momentum=None</c>).</summary>
    private static double? Momentum(OpNode node) => node.Attributes.TryGetValue("momentum", out var momentum) ? momentum.AsDouble() : null;

    /// <summary>
    /// Counts a training batch in <c>num_batches_tracked</c> and returns the weight of its statistics in the running
    /// ones: the momentum, or 1/batches for a cumulative average.
    /// </summary>
    private static double TrackBatch(NodeTensors t, bool training, double? momentum)
    {
        if (!training || t.Buffer("num_batches_tracked") is not { } batches)
        {
            return momentum ?? 0.0;
        }

        using var noGrad = no_grad();
        batches.add_(1);
        return momentum ?? 1.0 / batches.item<long>();
    }

    private static Kernel LayerNorm(OpNode node)
    {
        var shape = Longs(node, "normalized_shape");
        var eps = node.Attribute("eps").AsDouble();
        return node.Inputs.Count == 3
            ? (x, _, _) => F.layer_norm(x[0], shape, x[1], x[2], eps)
            : (x, t, _) => F.layer_norm(x[0], shape, t.Parameter("weight"), t.Parameter("bias"), eps);
    }

    private static Kernel ScaledDotProductAttention(OpNode node)
    {
        var dropout = node.Attribute("dropout").AsDouble();
        var causal = node.Attribute("is_causal").AsBool();
        var masked = node.Attribute("attn_mask").AsBool();
        return (x, _, _) => F.scaled_dot_product_attention(x[0], x[1], x[2], masked ? x[3] : null, dropout, causal);
    }

    private static Kernel Gelu(OpNode node)
    {
        var approximate = node.Attribute("approximate").AsString() switch
        {
            "none" => TorchSharp.Modules.GELU.Approximate.none,
            "tanh" => TorchSharp.Modules.GELU.Approximate.tanh,
            var other => throw new ArgumentException($"Node {node}: GELU approximation '{other}' is neither 'none' nor 'tanh'.", nameof(node)),
        };
        return (x, _, _) => F.gelu(x[0], approximate);
    }

    private static Kernel Softmax(OpNode node)
    {
        var dim = node.Attribute("dim").AsInt();
        return (x, _, _) => F.softmax(x[0], dim);
    }

    private static Kernel Dropout(OpNode node)
    {
        var p = node.Attribute("p").AsDouble();
        return (x, _, training) => training ? F.dropout(x[0], p, training: true) : x[0];
    }

    private static Kernel MaxPool2d(OpNode node)
    {
        var kernel = Longs(node, "kernel");
        var stride = Longs(node, "stride");
        var padding = Longs(node, "padding");
        var dilation = Longs(node, "dilation");
        var ceilMode = node.Attribute("ceil_mode").AsBool();
        return (x, _, _) => F.max_pool2d(x[0], kernel, stride, padding, dilation, ceilMode);
    }

    private static Kernel AvgPool2d(OpNode node)
    {
        var kernel = Longs(node, "kernel");
        var stride = Longs(node, "stride");
        var padding = Longs(node, "padding");
        var ceilMode = node.Attribute("ceil_mode").AsBool();
        var countIncludePad = node.Attribute("count_include_pad").AsBool();
        return (x, _, _) => F.avg_pool2d(x[0], kernel, stride, padding, ceilMode, countIncludePad);
    }

    private static Kernel AdaptiveAvgPool2d(OpNode node)
    {
        var outputSize = Longs(node, "output_size");
        return (x, _, _) => F.adaptive_avg_pool2d(x[0], outputSize);
    }

    /// <summary>A reduction over <c>dims</c>, keeping them when <c>keepdim</c> (<see cref="OpKind.Mean"/>, <see cref="OpKind.Sum"/>).</summary>
    private static Kernel Reduce(OpNode node, Func<Tensor, long[], bool, Tensor> reduce)
    {
        var dims = Longs(node, "dims");
        var keepDim = node.Attribute("keepdim").AsBool();
        return (x, _, _) => reduce(x[0], dims, keepDim);
    }

    private static Kernel Pointwise(OpNode node)
    {
        double? Optional(string name) => node.Attributes.TryGetValue(name, out var value) ? value.AsDouble() : null;
        Func<Tensor, Tensor> fn = node.Attribute("fn").AsString() switch
        {
            "exp" => x => x.exp(),
            "log" => x => x.log(),
            "log1p" => x => x.log1p(),
            "sqrt" => x => x.sqrt(),
            "rsqrt" => x => x.rsqrt(),
            "abs" => x => x.abs(),
            "neg" => x => x.neg(),
            "sin" => x => x.sin(),
            "cos" => x => x.cos(),
            "square" => x => x.square(),
            "reciprocal" => x => x.reciprocal(),
            "erf" => x => x.erf(),
            "pow" => x => x.pow(node.Attribute("exponent").AsDouble()),
            "clamp" => x => x.clamp(Optional("min"), Optional("max")),
            var other => throw new ArgumentException($"Node {node}: unknown pointwise function '{other}'.", nameof(node)),
        };
        return (x, _, _) => fn(x[0]);
    }

    private static Kernel Flatten(OpNode node)
    {
        var start = node.Attribute("start_dim").AsInt();
        var end = node.Attribute("end_dim").AsInt();
        return (x, _, _) => x[0].flatten(start, end);
    }

    private static Kernel Reshape(OpNode node)
    {
        var shape = Longs(node, "shape");
        var inputDims = node.Attributes.ContainsKey("input_dims") ? node.Attribute("input_dims").AsInts() : null;
        if (inputDims is not null && inputDims.Count != shape.Length)
        {
            throw new ArgumentException($"Node {node}: 'input_dims' has {inputDims.Count} entries but 'shape' has {shape.Length}.", nameof(node));
        }

        return (x, _, _) =>
        {
            var target = (long[])shape.Clone();
            for (var i = 0; inputDims is not null && i < target.Length; i++)
            {
                if (inputDims[i] >= 0)
                {
                    target[i] = x[0].shape[inputDims[i]];
                }
            }

            return x[0].reshape(target);
        };
    }

    /// <summary>
    /// A sum, difference, product or quotient of all inputs, or of the single input and the <c>scalar</c> attribute
    /// (on the left when <c>scalar_first</c> is set).
    /// </summary>
    private static Kernel Elementwise(OpNode node, Func<Tensor, Tensor, Tensor> combine, Func<Tensor, double, Tensor> withScalar, Func<double, Tensor, Tensor> scalarFirst)
    {
        if (node.Inputs.Count == 1)
        {
            var scalar = node.Attribute("scalar").AsDouble();
            return node.Attributes.TryGetValue("scalar_first", out var first) && first.AsBool()
                ? (x, _, _) => scalarFirst(scalar, x[0])
                : (x, _, _) => withScalar(x[0], scalar);
        }

        return (x, _, _) =>
        {
            var result = combine(x[0], x[1]);
            for (var i = 2; i < x.Length; i++)
            {
                var next = combine(result, x[i]);
                result.Dispose();
                result = next;
            }

            return result;
        };
    }

    private static Kernel Cat(OpNode node)
    {
        var dim = node.Attribute("dim").AsInt();
        return (x, _, _) => cat(x, dim);
    }

    /// <summary>An op whose integer attributes (dimensions, counts) are read once, in the order named.</summary>
    private static Kernel Dims(OpNode node, Func<Tensor, long[], Tensor> op, params string[] attributes)
    {
        var values = attributes.Select(a => (long)node.Attribute(a).AsInt()).ToArray();
        return (x, _, _) => op(x[0], values);
    }

    private static Kernel Expand(OpNode node)
    {
        var sizes = Longs(node, "sizes");
        var referenceDims = node.Attribute("reference_dims").AsInts();
        return (x, _, _) =>
        {
            var target = (long[])sizes.Clone();
            for (var d = 0; d < target.Length; d++)
            {
                if (referenceDims[d] >= 0)
                {
                    target[d] = x[1].shape[referenceDims[d]];
                }
            }

            return x[0].expand(target);
        };
    }

    /// <summary>
    /// Bags as <c>nn.EmbeddingBag</c> forms them, summed or averaged: the rows of a 2-D input, or the runs of a 1-D
    /// input that start at each offset; an empty bag is zeros.
    /// </summary>
    private static Kernel EmbeddingBag(OpNode node)
    {
        var mode = node.Attribute("mode").AsString();
        return (x, t, _) =>
        {
            var weight = t.Parameter("weight")!;
            if (x.Length == 1)
            {
                var rows = weight.index_select(0, x[0].flatten()).reshape(x[0].shape[0], x[0].shape[1], -1);
                return mode == "sum" ? rows.sum(1) : rows.mean([1]);
            }

            var (input, offsets) = (x[0], x[1]);
            var bags = offsets.shape[0];
            var starts = zeros(input.shape[0], ScalarType.Int64, input.device).index_fill_(0, offsets.narrow(0, 1, bags - 1), 1);
            var bag = starts.cumsum(0);
            var embedded = weight.index_select(0, input);
            var sums = zeros(bags, weight.shape[1], weight.dtype, weight.device).index_add(0, bag, embedded, 1);
            if (mode == "sum")
            {
                return sums;
            }

            var counts = zeros(bags, weight.dtype, weight.device).index_add(0, bag, ones(input.shape[0], weight.dtype, weight.device), 1);
            return sums / counts.clamp_min(1).unsqueeze(1);
        };
    }

    private static Kernel Arange(OpNode node)
    {
        var (start, stop, step) = (node.Attribute("start").AsDouble(), node.Attribute("stop").AsDouble(), node.Attribute("step").AsDouble());
        var dtype = Enum.Parse<ScalarType>(node.Attribute("dtype").AsString());
        return (x, _, _) => arange(start, stop, step, dtype, x[0].device);
    }

    private static Kernel Full(OpNode node)
    {
        var sizes = Longs(node, "sizes");
        var referenceDims = node.Attribute("reference_dims").AsInts();
        var value = node.Attribute("value").AsDouble();
        // An empty dtype: the input's (x.new_zeros, zeros_like).
        var dtype = node.Attribute("dtype").AsString() is { Length: > 0 } name ? Enum.Parse<ScalarType>(name) : (ScalarType?)null;
        return (x, _, _) =>
        {
            var shape = sizes.Select((size, d) => referenceDims[d] >= 0 ? x[0].shape[referenceDims[d]] : size).ToArray();
            return full(shape, value, dtype ?? x[0].dtype, x[0].device);
        };
    }

    private static Kernel MaskedFill(OpNode node)
    {
        var value = double.Parse(node.Attribute("value").AsString(), System.Globalization.CultureInfo.InvariantCulture);
        return (x, _, _) => x[0].masked_fill(x[1], value);
    }

    private static Kernel Compare(OpNode node)
    {
        Func<Tensor, Tensor, Tensor> tensors = node.Attribute("op").AsString() switch
        {
            "eq" => (a, b) => a.eq(b),
            "ne" => (a, b) => a.ne(b),
            "lt" => (a, b) => a.lt(b),
            "le" => (a, b) => a.le(b),
            "gt" => (a, b) => a.gt(b),
            "ge" => (a, b) => a.ge(b),
            var other => throw new ArgumentException($"Node {node}: comparison '{other}' is not one of eq, ne, lt, le, gt, ge.", nameof(node)),
        };
        if (node.Inputs.Count > 1)
        {
            return (x, _, _) => tensors(x[0], x[1]);
        }

        var scalar = node.Attribute("scalar").AsDouble();
        return (x, _, _) =>
        {
            using var bound = tensor(scalar, x[0].dtype, x[0].device);
            return tensors(x[0], bound);
        };
    }

    private static Kernel Slice(OpNode node)
    {
        var attribute = node.Attribute("indices").AsInts();
        long? Bound(int value) => value == TensorIndices.Open ? null : value;
        var indices = Enumerable.Range(0, attribute.Count / 4).Select(p => attribute[4 * p] switch
        {
            TensorIndices.Single => TensorIndex.Single(attribute[(4 * p) + 1]),
            TensorIndices.Range => TensorIndex.Slice(Bound(attribute[(4 * p) + 1]), Bound(attribute[(4 * p) + 2]), Bound(attribute[(4 * p) + 3])),
            TensorIndices.Ellipsis => TensorIndex.Ellipsis,
            _ => TensorIndex.None,
        }).ToArray();
        return (x, _, _) => x[0][indices];
    }

    private static Kernel Permute(OpNode node)
    {
        var dims = Longs(node, "dims");
        return (x, _, _) => x[0].permute(dims);
    }

    private static Kernel Squeeze(OpNode node)
    {
        var dims = Longs(node, "dims");
        return (x, _, _) =>
        {
            // Squeezing several dimensions one by one, the highest first, keeps the remaining indices valid.
            var result = dims.Length == 0 ? x[0].squeeze() : x[0].alias();
            foreach (var dim in dims.Select(d => d < 0 ? d + x[0].dim() : d).OrderByDescending(d => d))
            {
                result = result.squeeze(dim);
            }

            return result;
        };
    }

    private static Kernel Softplus(OpNode node)
    {
        var beta = node.Attribute("beta").AsDouble();
        var threshold = node.Attribute("threshold").AsDouble();
        return (x, _, _) => F.softplus(x[0], beta, threshold);
    }

    private static Kernel Dropout2d(OpNode node)
    {
        var p = node.Attribute("p").AsDouble();
        return (x, _, training) => training ? F.dropout2d(x[0], p, training: true) : x[0];
    }

    private static Kernel AdaptiveMaxPool2d(OpNode node)
    {
        var outputSize = Longs(node, "output_size");
        return (x, _, _) => F.adaptive_max_pool2d(x[0], outputSize);
    }

    private static Kernel Pad(OpNode node)
    {
        var pad = Longs(node, "pad");
        var value = node.Attribute("value").AsDouble();
        return (x, _, _) => F.pad(x[0], pad, PaddingModes.Constant, value);
    }

    private static Kernel Interpolate(OpNode node)
    {
        var size = Longs(node, "size");
        var scale = node.Attribute("scale").AsInts().Select(s => (double)s).ToArray();
        var mode = Enum.Parse<InterpolationMode>(node.Attribute("mode").AsString(), ignoreCase: true);
        bool? alignCorners = node.Attribute("align_corners").AsBool() ? true : mode is InterpolationMode.Nearest ? null : false;
        return (x, _, _) => F.interpolate(x[0], size.Length > 0 ? size : null, scale.Length > 0 ? scale : null, mode, alignCorners);
    }

    private static Kernel ConvTranspose2d(OpNode node)
    {
        var stride = Longs(node, "stride");
        var padding = Longs(node, "padding");
        var outputPadding = Longs(node, "output_padding");
        var dilation = Longs(node, "dilation");
        var groups = node.Attribute("groups").AsInt();
        return (x, t, _) => F.conv_transpose2d(x[0], t.Parameter("weight")!, t.Parameter("bias"), stride, padding, outputPadding, dilation, groups);
    }

    private static Kernel GroupNorm(OpNode node)
    {
        var groups = node.Attribute("num_groups").AsInt();
        var eps = node.Attribute("eps").AsDouble();
        return (x, t, _) => F.group_norm(x[0], groups, t.Parameter("weight"), t.Parameter("bias"), eps);
    }

    private static Kernel InstanceNorm(OpNode node)
    {
        var eps = node.Attribute("eps").AsDouble();
        var momentum = Momentum(node);
        return (x, t, training) =>
        {
            var runningMean = t.Buffer("running_mean");
            var factor = TrackBatch(t, training, momentum);

            // As nn.InstanceNorm: statistics of each instance, except in evaluation with running statistics.
            return F.instance_norm(x[0], runningMean, t.Buffer("running_var"), t.Parameter("weight"), t.Parameter("bias"), training || runningMean is null, factor, eps);
        };
    }

    private static Kernel Unary(OpNode node, string attribute, Func<Tensor, double, Tensor> op)
    {
        var value = node.Attribute(attribute).AsDouble();
        return (x, _, _) => op(x[0], value);
    }

    private static long[] Longs(OpNode node, string attribute) => node.Attribute(attribute).AsInts().Select(v => (long)v).ToArray();
}

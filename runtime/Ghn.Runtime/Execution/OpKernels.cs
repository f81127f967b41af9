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
    public static Kernel Create(OpNode node) => node.Kind switch
    {
        OpKind.Conv2d => Conv2d(node),
        OpKind.Linear => (x, t, _) => F.linear(x[0], t.Parameter("weight")!, t.Parameter("bias")),
        OpKind.BatchNorm => BatchNorm(node),
        OpKind.LayerNorm => LayerNorm(node),
        OpKind.Relu => (x, _, _) => F.relu(x[0]),
        OpKind.Relu6 => (x, _, _) => F.relu6(x[0]),
        OpKind.LeakyRelu => Unary(node, "negative_slope", (x, slope) => F.leaky_relu(x, slope)),
        OpKind.Elu => Unary(node, "alpha", (x, alpha) => F.elu(x, alpha)),
        OpKind.Gelu => Gelu(node),
        OpKind.Silu => (x, _, _) => F.silu(x[0]),
        OpKind.Hardswish => (x, _, _) => F.hardswish(x[0]),
        OpKind.Sigmoid => (x, _, _) => F.sigmoid(x[0]),
        OpKind.Hardsigmoid => (x, _, _) => F.hardsigmoid(x[0]),
        OpKind.Tanh => (x, _, _) => F.tanh(x[0]),
        OpKind.Softmax => Softmax(node),
        OpKind.Dropout => Dropout(node),
        OpKind.MaxPool2d => MaxPool2d(node),
        OpKind.AvgPool2d => AvgPool2d(node),
        OpKind.AdaptiveAvgPool2d => AdaptiveAvgPool2d(node),
        OpKind.Mean => Mean(node),
        OpKind.Flatten => Flatten(node),
        OpKind.Reshape => Reshape(node),
        OpKind.Add => Elementwise(node, (a, b) => a + b, (a, s) => a + s),
        OpKind.Mul => Elementwise(node, (a, b) => a * b, (a, s) => a * s),
        OpKind.Cat => Cat(node),
        OpKind.Identity or OpKind.Output => (x, _, _) => x[0],
        _ => throw new ArgumentException($"Node {node} has op '{node.Kind.ToName()}', which the graph executor cannot run.", nameof(node)),
    };

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
        var momentum = node.Attribute("momentum").AsDouble();
        return (x, t, training) =>
        {
            var runningMean = t.Buffer("running_mean");
            var runningVar = t.Buffer("running_var");
            // As nn.BatchNorm does: batch statistics in training (updating the running ones when there are
            // some) and whenever there are no running statistics; the running statistics in evaluation.
            var useBatchStatistics = training || runningMean is null;
            if (training && t.Buffer("num_batches_tracked") is { } batches)
            {
                using var noGrad = no_grad();
                batches.add_(1);
            }

            return F.batch_norm(x[0], runningMean, runningVar, t.Parameter("weight"), t.Parameter("bias"), useBatchStatistics, momentum, eps);
        };
    }

    private static Kernel LayerNorm(OpNode node)
    {
        var shape = Longs(node, "normalized_shape");
        var eps = node.Attribute("eps").AsDouble();
        return (x, t, _) => F.layer_norm(x[0], shape, t.Parameter("weight"), t.Parameter("bias"), eps);
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

    private static Kernel Mean(OpNode node)
    {
        var dims = Longs(node, "dims");
        var keepDim = node.Attribute("keepdim").AsBool();
        return (x, _, _) => x[0].mean(dims, keepDim);
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

    /// <summary>A sum or product of all inputs, or of the single input and the <c>scalar</c> attribute.</summary>
    private static Kernel Elementwise(OpNode node, Func<Tensor, Tensor, Tensor> combine, Func<Tensor, double, Tensor> withScalar)
    {
        if (node.Inputs.Count == 1)
        {
            var scalar = node.Attribute("scalar").AsDouble();
            return (x, _, _) => withScalar(x[0], scalar);
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

    private static Kernel Unary(OpNode node, string attribute, Func<Tensor, double, Tensor> op)
    {
        var value = node.Attribute(attribute).AsDouble();
        return (x, _, _) => op(x[0], value);
    }

    private static long[] Longs(OpNode node, string attribute) => node.Attribute(attribute).AsInts().Select(v => (long)v).ToArray();
}

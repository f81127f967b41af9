namespace Ghn.Graphs;

/// <summary>
/// The shape rules of the ops, which <see cref="OpDefinitions"/> assigns: each computes a node's output shape from
/// its input shapes and throws a <see cref="GraphFormatException"/> naming the node when they do not fit it.
/// </summary>
internal static class ShapeRules
{
    /// <summary>The input's shape (activations, dropout, identity, elementwise functions, the output).</summary>
    internal static int[] Same(OpNode node, IReadOnlyList<int[]> inputs) => inputs[0];

    /// <summary>The broadcast of every input's shape (elementwise arithmetic, comparisons, masked fill).</summary>
    internal static int[] BroadcastAll(OpNode node, IReadOnlyList<int[]> inputs) => inputs.Skip(1).Aggregate(inputs[0], (a, b) => Broadcast(node, a, b));

    /// <summary>The input's shape, after checking that the attribute <c>dim</c> is one of its dimensions (softmax, log-softmax).</summary>
    internal static int[] SameAlongDimension(OpNode node, IReadOnlyList<int[]> inputs) =>
        WithDimension(node, inputs[0], node.Attribute("dim").AsInt(), _ => inputs[0]);

    /// <summary>A network input's shape is given, not inferred.</summary>
    internal static int[] Given(OpNode node, IReadOnlyList<int[]> inputs) => throw Mismatch(node, "is an input; its shape is given, not inferred");

    internal static int[] Conv2d(OpNode node, int[] x)
    {
        RequireRank(node, x, 4);
        var weight = Weight(node);
        var groups = node.Attribute("groups").AsInt();
        if (weight.Count != 4 || groups <= 0 || weight[0] % groups != 0)
        {
            throw Mismatch(node, $"has weight [{string.Join(", ", weight)}] and groups {groups}; expected [out, in/groups, kh, kw] with out divisible by groups");
        }

        if (x[1] != weight[1] * groups)
        {
            throw Mismatch(node, $"receives {x[1]} channels but its weight expects {weight[1]} × {groups} groups = {weight[1] * groups}");
        }

        var kernel = Pair(node, "kernel");
        if (kernel[0] != weight[2] || kernel[1] != weight[3])
        {
            throw Mismatch(node, $"has kernel {kernel[0]}×{kernel[1]} but weight kernel {weight[2]}×{weight[3]}");
        }

        RequireBias(node, weight[0]);
        var stride = Pair(node, "stride");
        var padding = Pair(node, "padding");
        var dilation = Pair(node, "dilation");
        return [x[0], weight[0], Spatial(node, x[2], kernel[0], stride[0], padding[0], dilation[0], false), Spatial(node, x[3], kernel[1], stride[1], padding[1], dilation[1], false)];
    }

    internal static int[] ConvTranspose2d(OpNode node, int[] x)
    {
        RequireRank(node, x, 4);
        var weight = Weight(node);
        var groups = node.Attribute("groups").AsInt();
        if (weight.Count != 4 || x[1] != weight[0])
        {
            throw Mismatch(node, $"receives {x[1]} channels but its weight [{string.Join(", ", weight)}] expects {(weight.Count > 0 ? weight[0] : -1)}");
        }

        RequireBias(node, weight[1] * groups);
        var kernel = Pair(node, "kernel");
        var stride = Pair(node, "stride");
        var padding = Pair(node, "padding");
        var outputPadding = Pair(node, "output_padding");
        var dilation = Pair(node, "dilation");
        int Size(int d) => ((x[d + 2] - 1) * stride[d]) - (2 * padding[d]) + (dilation[d] * (kernel[d] - 1)) + outputPadding[d] + 1;
        var size = new[] { Size(0), Size(1) };
        return size.Any(n => n < 1)
            ? throw Mismatch(node, $"would produce a {size[0]}×{size[1]} output from {x[2]}×{x[3]}")
            : [x[0], weight[1] * groups, size[0], size[1]];
    }

    internal static int[] Expand(OpNode node, int[] x, int[]? reference)
    {
        var sizes = node.Attribute("sizes").AsInts();
        var referenceDims = node.Attribute("reference_dims").AsInts();
        var offset = sizes.Count - x.Length;
        var result = new int[sizes.Count];
        for (var d = 0; d < sizes.Count; d++)
        {
            var own = d >= offset ? x[d - offset] : 1;
            result[d] = referenceDims[d] >= 0 && reference is not null ? reference[Normalize(node, referenceDims[d], reference.Length)] : sizes[d] == -1 ? own : sizes[d];
            if (offset < 0 || (d >= offset && own != 1 && own != result[d]))
            {
                throw Mismatch(node, $"cannot expand [{string.Join(", ", x)}] to [{string.Join(", ", result)}]");
            }
        }

        return result;
    }

    internal static int[] Rnn(OpNode node, int[] x)
    {
        RequireRank(node, x, 3);
        var batchFirst = node.Attribute("batch_first").AsBool();
        var directions = node.Attribute("bidirectional").AsBool() ? 2 : 1;
        var hidden = node.Attribute("hidden_size").AsInt();
        if (x[2] != node.Attribute("input_size").AsInt())
        {
            throw Mismatch(node, $"receives {x[2]} features but input_size is {node.Attribute("input_size").AsInt()}");
        }

        var (batch, steps) = batchFirst ? (x[0], x[1]) : (x[1], x[0]);
        return node.Attribute("result").AsInt() == 0
            ? (batchFirst ? [batch, steps, directions * hidden] : [steps, batch, directions * hidden])
            : [node.Attribute("num_layers").AsInt() * directions, batch, hidden];
    }

    internal static int[] Attention(OpNode node, IReadOnlyList<int[]> inputs)
    {
        var (query, key) = (inputs[0], inputs[1]);
        RequireRank(node, query, 3);
        RequireRank(node, key, 3);
        var heads = node.Attribute("num_heads").AsInt();
        if (query[2] % heads != 0 || key[1] != query[1])
        {
            throw Mismatch(node, $"attends [{string.Join(", ", query)}] to [{string.Join(", ", key)}] with {heads} heads");
        }

        return node.Attribute("result").AsInt() == 0 ? query : [query[1], query[0], key[0]];
    }

    internal static int[] Stack(OpNode node, IReadOnlyList<int[]> inputs)
    {
        if (inputs.Any(i => !i.SequenceEqual(inputs[0])))
        {
            throw Mismatch(node, $"stacks tensors of different shapes ({string.Join(", ", inputs.Select(i => $"[{string.Join(", ", i)}]"))})");
        }

        var dim = Normalize(node, node.Attribute("dim").AsInt(), inputs[0].Length + 1);
        return [.. inputs[0].Take(dim), inputs.Count, .. inputs[0].Skip(dim)];
    }

    internal static int[] Full(OpNode node, int[] reference)
    {
        var referenceDims = node.Attribute("reference_dims").AsInts();
        return [.. node.Attribute("sizes").AsInts().Select((size, d) => referenceDims[d] >= 0 ? reference[Normalize(node, referenceDims[d], reference.Length)] : size)];
    }

    internal static int Arange(OpNode node)
    {
        var (start, stop, step) = (node.Attribute("start").AsDouble(), node.Attribute("stop").AsDouble(), node.Attribute("step").AsDouble());
        return step == 0 ? throw Mismatch(node, "has step 0") : Math.Max(0, (int)Math.Ceiling((stop - start) / step));
    }

    internal static int[] Slice(OpNode node, int[] x)
    {
        try
        {
            return TensorIndices.Apply(node.Attribute("indices").AsInts(), x);
        }
        catch (GraphFormatException e)
        {
            throw Mismatch(node, e.Message);
        }
    }

    internal static int[] Select(OpNode node, int[] x)
    {
        var dim = Normalize(node, node.Attribute("dim").AsInt(), x.Length);
        var index = node.Attribute("index").AsInt();
        return index >= -x[dim] && index < x[dim]
            ? [.. x.Where((_, d) => d != dim)]
            : throw Mismatch(node, $"selects index {index} of dimension {dim} of [{string.Join(", ", x)}]");
    }

    internal static int[] Transpose(OpNode node, int[] x)
    {
        var a = Normalize(node, node.Attribute("dim0").AsInt(), x.Length);
        var b = Normalize(node, node.Attribute("dim1").AsInt(), x.Length);
        var result = (int[])x.Clone();
        (result[a], result[b]) = (x[b], x[a]);
        return result;
    }

    internal static int[] Permute(OpNode node, int[] x)
    {
        var dims = node.Attribute("dims").AsInts().Select(d => Normalize(node, d, x.Length)).ToArray();
        return dims.Length == x.Length && dims.Distinct().Count() == x.Length
            ? [.. dims.Select(d => x[d])]
            : throw Mismatch(node, $"permutes [{string.Join(", ", dims)}] but receives rank {x.Length}");
    }

    internal static int[] Unsqueeze(OpNode node, int[] x)
    {
        var dim = Normalize(node, node.Attribute("dim").AsInt(), x.Length + 1);
        return [.. x.Take(dim), 1, .. x.Skip(dim)];
    }

    internal static int[] Squeeze(OpNode node, int[] x)
    {
        var dims = node.Attribute("dims").AsInts();
        var removed = dims.Count == 0
            ? new HashSet<int>(Enumerable.Range(0, x.Length).Where(d => x[d] == 1))
            : new HashSet<int>(dims.Select(d => Normalize(node, d, x.Length)).Where(d => x[d] == 1));
        return [.. x.Where((_, d) => !removed.Contains(d))];
    }

    internal static int[] Chunk(OpNode node, int[] x)
    {
        var chunks = node.Attribute("chunks").AsInt();
        var dim = Normalize(node, node.Attribute("dim").AsInt(), x.Length);
        var index = node.Attribute("index").AsInt();
        // As torch.chunk: pieces of ceil(size / chunks); the last may be smaller, and there may be fewer pieces.
        var piece = (x[dim] + chunks - 1) / chunks;
        var length = Math.Min(piece, x[dim] - (index * piece));
        if (chunks < 1 || length < 1)
        {
            throw Mismatch(node, $"takes piece {index} of {chunks} along dimension {dim} of [{string.Join(", ", x)}], which does not exist");
        }

        var result = (int[])x.Clone();
        result[dim] = length;
        return result;
    }

    internal static int[] Narrow(OpNode node, int[] x)
    {
        var dim = Normalize(node, node.Attribute("dim").AsInt(), x.Length);
        var start = node.Attribute("start").AsInt();
        var length = node.Attribute("length").AsInt();
        if (start < 0 || length < 0 || start + length > x[dim])
        {
            throw Mismatch(node, $"takes {length} from {start} along dimension {dim} of [{string.Join(", ", x)}]");
        }

        var result = (int[])x.Clone();
        result[dim] = length;
        return result;
    }

    internal static int[] Matmul(OpNode node, int[] a, int[] b)
    {
        if (a.Length < 2 || b.Length < 2 || a[^1] != b[^2])
        {
            throw Mismatch(node, $"multiplies [{string.Join(", ", a)}] by [{string.Join(", ", b)}]");
        }

        var batch = Broadcast(node, a.Take(a.Length - 2).ToArray(), b.Take(b.Length - 2).ToArray());
        return [.. batch, a[^2], b[^1]];
    }

    internal static int[] Pad(OpNode node, int[] x)
    {
        var pad = node.Attribute("pad").AsInts();
        var result = (int[])x.Clone();
        for (var i = 0; i < pad.Count / 2; i++)
        {
            result[x.Length - 1 - i] += pad[2 * i] + pad[(2 * i) + 1];
        }

        return pad.Count % 2 == 0 && pad.Count / 2 <= x.Length && result.All(d => d >= 0)
            ? result
            : throw Mismatch(node, $"pads [{string.Join(", ", pad)}] a tensor of shape [{string.Join(", ", x)}]");
    }

    internal static int[] Interpolate(OpNode node, int[] x)
    {
        var size = node.Attribute("size").AsInts();
        var scale = node.Attribute("scale").AsInts();
        var spatial = x.Length - 2;
        if (spatial < 1 || (size.Count != spatial && scale.Count != spatial))
        {
            throw Mismatch(node, $"resizes {spatial} spatial dimensions of [{string.Join(", ", x)}]");
        }

        return [x[0], x[1], .. Enumerable.Range(0, spatial).Select(d => size.Count == spatial ? size[d] : x[d + 2] * scale[d])];
    }

    internal static int[] TensorLinear(OpNode node, IReadOnlyList<int[]> inputs)
    {
        var (x, weight) = (inputs[0], inputs[1]);
        if (weight.Length != 2 || x.Length == 0 || x[^1] != weight[1] || (inputs.Count > 2 && !inputs[2].SequenceEqual([weight[0]])))
        {
            throw Mismatch(node, $"receives [{string.Join(", ", x)}] with a weight [{string.Join(", ", weight)}]{(inputs.Count > 2 ? $" and a bias [{string.Join(", ", inputs[2])}]" : "")} that do not fit");
        }

        return [.. x.Take(x.Length - 1), weight[0]];
    }

    internal static int[] Linear(OpNode node, int[] x)
    {
        var weight = Weight(node);
        if (weight.Count != 2 || x.Length == 0 || x[^1] != weight[1])
        {
            throw Mismatch(node, $"receives [{string.Join(", ", x)}] but its weight [{string.Join(", ", weight)}] expects {(weight.Count == 2 ? weight[1] : -1)} features in the last dimension");
        }

        RequireBias(node, weight[0]);
        return [.. x.Take(x.Length - 1), weight[0]];
    }

    internal static int[] BatchNorm(OpNode node, int[] x)
    {
        if (x.Length < 2)
        {
            throw Mismatch(node, $"needs a batch and a channel dimension but receives [{string.Join(", ", x)}]");
        }

        foreach (var tensor in node.Parameters.Concat(node.Buffers).Where(t => t.Shape.Count == 1))
        {
            if (tensor.Shape[0] != x[1])
            {
                throw Mismatch(node, $"receives {x[1]} channels but {tensor.Name} has {tensor.Shape[0]}");
            }
        }

        return x;
    }

    internal static int[] LayerNorm(OpNode node, int[] x)
    {
        var normalized = node.Attribute("normalized_shape").AsInts();
        if (normalized.Count > x.Length || !x.Skip(x.Length - normalized.Count).SequenceEqual(normalized))
        {
            throw Mismatch(node, $"normalises the trailing [{string.Join(", ", normalized)}] but receives [{string.Join(", ", x)}]");
        }

        foreach (var tensor in node.Parameters.Where(t => !t.Shape.SequenceEqual(normalized)))
        {
            throw Mismatch(node, $"has {tensor} but normalized_shape [{string.Join(", ", normalized)}]");
        }

        return x;
    }

    internal static int[] Pool(OpNode node, int[] x)
    {
        RequireRank(node, x, 4);
        var kernel = Pair(node, "kernel");
        var stride = Pair(node, "stride");
        var padding = Pair(node, "padding");
        var dilation = node.Kind == OpKind.MaxPool2d ? Pair(node, "dilation") : [1, 1];
        if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1])
        {
            throw Mismatch(node, $"pads {padding[0]}×{padding[1]}, more than half its kernel {kernel[0]}×{kernel[1]} (LibTorch rejects that)");
        }

        var ceil = node.Attribute("ceil_mode").AsBool();
        return [x[0], x[1], Spatial(node, x[2], kernel[0], stride[0], padding[0], dilation[0], ceil), Spatial(node, x[3], kernel[1], stride[1], padding[1], dilation[1], ceil)];
    }

    internal static int[] AdaptivePool(OpNode node, int[] x)
    {
        RequireRank(node, x, 4);
        var size = Pair(node, "output_size");
        return [x[0], x[1], size[0], size[1]];
    }

    internal static int[] Mean(OpNode node, int[] x)
    {
        var dims = new HashSet<int>(node.Attribute("dims").AsInts().Select(d => Normalize(node, d, x.Length)));
        var keep = node.Attribute("keepdim").AsBool();
        return x.Select((size, d) => dims.Contains(d) ? (keep ? 1 : -1) : size).Where(size => size >= 0).ToArray();
    }

    internal static int[] Flatten(OpNode node, int[] x)
    {
        var start = Normalize(node, node.Attribute("start_dim").AsInt(), x.Length);
        var end = Normalize(node, node.Attribute("end_dim").AsInt(), x.Length);
        if (start > end)
        {
            throw Mismatch(node, $"flattens dimensions {start} to {end} of a rank-{x.Length} input");
        }

        var merged = x.Skip(start).Take(end - start + 1).Aggregate(1, (n, d) => n * d);
        return [.. x.Take(start), merged, .. x.Skip(end + 1)];
    }

    internal static int[] Reshape(OpNode node, int[] x)
    {
        var shape = node.Attribute("shape").AsInts();
        var inputDims = node.Attributes.TryGetValue("input_dims", out var value) ? value.AsInts() : shape.Select(_ => -1).ToArray();
        var result = shape.Select((s, i) => inputDims[i] >= 0 ? x[Normalize(node, inputDims[i], x.Length)] : s).ToArray();
        var total = x.Aggregate(1L, (n, d) => n * d);
        var known = result.Where(d => d >= 0).Aggregate(1L, (n, d) => n * d);
        var inferred = Array.IndexOf(result, -1);
        if (inferred >= 0 && known > 0 && total % known == 0)
        {
            result[inferred] = (int)(total / known);
        }

        if (result.Aggregate(1L, (n, d) => n * d) != total || result.Any(d => d < 0))
        {
            throw Mismatch(node, $"cannot view [{string.Join(", ", x)}] as [{string.Join(", ", shape)}]");
        }

        return result;
    }

    internal static int[] Cat(OpNode node, IReadOnlyList<int[]> inputs)
    {
        var first = inputs[0];
        return WithDimension(node, first, node.Attribute("dim").AsInt(), dim =>
        {
            var result = (int[])first.Clone();
            foreach (var other in inputs.Skip(1))
            {
                if (other.Length != first.Length || Enumerable.Range(0, first.Length).Any(d => d != dim && other[d] != first[d]))
                {
                    throw Mismatch(node, $"concatenates [{string.Join(", ", first)}] and [{string.Join(", ", other)}] along dimension {dim}; the other dimensions differ");
                }

                result[dim] += other[dim];
            }

            return result;
        });
    }

    internal static int[] Broadcast(OpNode node, int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 1; i <= rank; i++)
        {
            var da = i <= a.Length ? a[^i] : 1;
            var db = i <= b.Length ? b[^i] : 1;
            if (da != db && da != 1 && db != 1)
            {
                throw Mismatch(node, $"combines [{string.Join(", ", a)}] and [{string.Join(", ", b)}], which do not broadcast");
            }

            result[^i] = Math.Max(da, db);
        }

        return result;
    }

    internal static int Spatial(OpNode node, int size, int kernel, int stride, int padding, int dilation, bool ceil)
    {
        var span = size + (2 * padding) - (dilation * (kernel - 1)) - 1;
        var output = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        // As in PyTorch, the last ceil-mode window must start inside the input or its left padding.
        if (ceil && (output - 1) * stride >= size + padding)
        {
            output--;
        }

        if (span < 0 || output < 1)
        {
            throw Mismatch(node, $"shrinks a spatial size of {size} below one pixel (kernel {kernel}, stride {stride}, padding {padding}, dilation {dilation})");
        }

        return output;
    }

    internal static int[] WithDimension(OpNode node, int[] x, int dim, Func<int, int[]> result) => result(Normalize(node, dim, x.Length));

    internal static int Normalize(OpNode node, int dim, int rank)
    {
        var normalized = dim < 0 ? dim + rank : dim;
        return normalized >= 0 && normalized < rank ? normalized : throw Mismatch(node, $"refers to dimension {dim} of a rank-{rank} tensor");
    }

    internal static IReadOnlyList<int> Weight(OpNode node) =>
        node.FindParameter("weight")?.Shape ?? throw Mismatch(node, "has no weight parameter");

    internal static void RequireBias(OpNode node, int outputs)
    {
        if (node.FindParameter("bias") is { } bias && !bias.Shape.SequenceEqual([outputs]))
        {
            throw Mismatch(node, $"has {bias} for {outputs} outputs");
        }
    }

    internal static void RequireRank(OpNode node, int[] x, int rank)
    {
        if (x.Length != rank)
        {
            throw Mismatch(node, $"needs a rank-{rank} input but receives [{string.Join(", ", x)}]");
        }
    }

    internal static IReadOnlyList<int> Pair(OpNode node, string attribute)
    {
        var values = node.Attribute(attribute).AsInts();
        return values.Count == 1 ? [values[0], values[0]] : values;
    }

    internal static GraphFormatException Mismatch(OpNode node, string problem) =>
        new($"Shape mismatch at node {node.Id} ({node.Kind.ToName()}{(node.Module is null ? "" : " " + node.Module)}): it {problem}.");
}

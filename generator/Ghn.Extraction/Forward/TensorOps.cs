using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Modules;
using Ghn.Extraction.Values;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Forward;

/// <summary>
/// Tensor operations of forward, in their three spellings: <c>torch.nn.functional.relu(x)</c>,
/// <c>torch.relu(x)</c> and <c>x.relu()</c> (a trailing underscore is the in-place form). Each becomes a graph op.
/// </summary>
internal sealed class TensorOps(ForwardTrace trace)
{
    private static readonly Dictionary<string, OpKind> Elementwise = new(StringComparer.Ordinal)
    {
        ["relu"] = OpKind.Relu,
        ["relu6"] = OpKind.Relu6,
        ["leaky_relu"] = OpKind.LeakyRelu,
        ["elu"] = OpKind.Elu,
        ["gelu"] = OpKind.Gelu,
        ["silu"] = OpKind.Silu,
        ["hardswish"] = OpKind.Hardswish,
        ["sigmoid"] = OpKind.Sigmoid,
        ["hardsigmoid"] = OpKind.Hardsigmoid,
        ["tanh"] = OpKind.Tanh,
        ["softmax"] = OpKind.Softmax,
        ["dropout"] = OpKind.Dropout,
        ["dropout2d"] = OpKind.Dropout2d,
        ["log_softmax"] = OpKind.LogSoftmax,
        ["softplus"] = OpKind.Softplus,
        ["mish"] = OpKind.Mish,
        ["Mish"] = OpKind.Mish,
    };

    private static readonly Dictionary<string, Func<Arguments, LayerSpec>> Layers = new(StringComparer.Ordinal)
    {
        ["max_pool2d"] = LayerSpecs.MaxPool2d,
        ["avg_pool2d"] = LayerSpecs.AvgPool2d,
        ["adaptive_avg_pool2d"] = LayerSpecs.AdaptiveAvgPool2d,
        ["flatten"] = LayerSpecs.Flatten,
        ["adaptive_max_pool2d"] = LayerSpecs.AdaptiveMaxPool2d,
        ["pad"] = LayerSpecs.Pad,
        ["interpolate"] = LayerSpecs.Interpolate,
    };

    private static readonly Dictionary<string, OpKind> ArithmeticOps = new(StringComparer.Ordinal)
    {
        ["add"] = OpKind.Add,
        ["mul"] = OpKind.Mul,
        ["sub"] = OpKind.Sub,
        ["div"] = OpKind.Div,
    };

    /// <summary>The traced tensor a value must be; anything else is data the graph cannot represent.</summary>
    public static SymbolicTensor Tensor(object? value, IOperation at) => value switch
    {
        SymbolicTensor tensor => tensor,
        UnknownValue => throw new UnknownReachedException(),
        null => throw new ExtractionException(ExtractionDiagnostics.NullValue, at, "The tensor"),
        _ => throw new ExtractionException(ExtractionDiagnostics.UnsupportedConstruct, at, $"Passing '{Numeric.Format(value)}' where a tensor computed from the input is expected"),
    };

    /// <summary>The tensor an op produced: a new one, or the input rebound when the op is in place.</summary>
    public static SymbolicTensor Result(SymbolicTensor input, int node, bool inPlace)
    {
        if (!inPlace)
        {
            return new SymbolicTensor(node);
        }

        input.Node = node;
        return input;
    }

    public object? Invoke(Arguments a, object? receiver)
    {
        var name = a.Method.Name;
        var inPlace = receiver is SymbolicTensor && name.Length > 1 && name.EndsWith("_", StringComparison.Ordinal);
        var op = inPlace ? name.Substring(0, name.Length - 1) : name;
        if (Elementwise.TryGetValue(op, out var kind))
        {
            var input = Input(a, receiver);
            // Dropout ops follow the graph's mode; an explicit training: false makes functional dropout a no-op.
            if (kind is OpKind.Dropout or OpKind.Dropout2d && a.Has("training") && a.Value("training") is false)
            {
                return input;
            }

            var spec = LayerSpecs.Activation(kind, a);
            return Apply(spec, input, a.Call, inPlace || spec.InPlace);
        }

        if (Layers.TryGetValue(op, out var describe))
        {
            return Apply(describe(a), Input(a, receiver), a.Call, inPlace);
        }

        return op switch
        {
            "view" or "reshape" => Reshape(a, Input(a, receiver)),
            "mean" => Reduce(a, Input(a, receiver), OpKind.Mean),
            "sum" => Reduce(a, Input(a, receiver), OpKind.Sum),
            "stack" => Stack(a),
            "exp" or "log" or "log1p" or "sqrt" or "rsqrt" or "abs" or "neg" or "negative" or "sin" or "cos" or "square" or "reciprocal" or "erf"
                => Pointwise(a, receiver, op == "negative" ? "neg" : op, inPlace),
            "pow" when a.Values.Count(v => v is SymbolicTensor) + (receiver is SymbolicTensor ? 1 : 0) == 1 => Pointwise(a, receiver, "pow", inPlace, ("exponent", Scalar(a, a.Method.Parameters[^1].Name))),
            "clamp" or "clip" => Pointwise(a, receiver, "clamp", inPlace, [.. Bound(a, "min"), .. Bound(a, "max")]),
            "clamp_min" => Pointwise(a, receiver, "clamp", inPlace, ("min", Scalar(a, a.Method.Parameters[^1].Name))),
            "clamp_max" => Pointwise(a, receiver, "clamp", inPlace, ("max", Scalar(a, a.Method.Parameters[^1].Name))),
            "cat" or "concat" or "concatenate" => Cat(a),
            "add" or "mul" or "sub" or "div" => Arithmetic(a, receiver, ArithmeticOps[op], inPlace),
            "transpose" or "swapaxes" => Unary(a, receiver, OpKind.Transpose, ("dim0", a.Int(a.Method.Parameters[^2].Name)), ("dim1", a.Int(a.Method.Parameters[^1].Name))),
            "t" => Unary(a, receiver, OpKind.Transpose, ("dim0", 0), ("dim1", 1)),
            "permute" => Permute(a, receiver),
            "unsqueeze" => Unary(a, receiver, OpKind.Unsqueeze, ("dim", a.Int("dim"))),
            "squeeze" => Squeeze(a, receiver),
            "narrow" => Unary(a, receiver, OpKind.Narrow, ("dim", a.Int("dim")), ("start", a.Int("start")), ("length", a.Int("length"))),
            "chunk" => Chunk(a, Input(a, receiver)),
            "split" => Split(a, Input(a, receiver)),
            "matmul" or "bmm" => Matmul(a, receiver),
            "expand" => Expand(a, Input(a, receiver)),
            "arange" when receiver is null => Arange(a),
            "zeros" or "ones" or "empty" or "full" when receiver is null && a.SizeEntries() is { } sizes => Full(a, op, sizes, null),
            "new_zeros" or "new_ones" or "new_empty" or "new_full" when a.SizeEntries() is { } sizes => Full(a, op.Substring(4), sizes, Input(a, receiver)),
            "zeros_like" or "ones_like" or "empty_like" or "full_like" => FullLike(a, op.Substring(0, op.Length - 5), Input(a, receiver)),
            "masked_fill" => MaskedFill(a, Input(a, receiver)),
            "scaled_dot_product_attention" => Attention(a),
            "layer_norm" when receiver is null => LayerNorm(a),
            "linear" when receiver is null && a.Count >= 2 => TensorLinear(a),
            "Dispose" when receiver is SymbolicTensor => null,
            "eq" or "ne" or "lt" or "le" or "gt" or "ge" => Combine(OpKind.Compare, receiver ?? a[0], a[a.Count - 1], a.Call, inPlace: false, op),
            "to" or "cpu" or "cuda" when a.Values.All(v => v is null or PlacementValue or bool) => Input(a, receiver),
            "to" or "type" when a.Values.OfType<EnumValue>().FirstOrDefault() is { } type => Cast(a, receiver, type.ToString()),
            "float" or "@float" => Cast(a, receiver, "Float32"),
            "double" or "@double" => Cast(a, receiver, "Float64"),
            "half" => Cast(a, receiver, "Float16"),
            "long" or "@long" => Cast(a, receiver, "Int64"),
            "int" or "@int" => Cast(a, receiver, "Int32"),
            "bool" or "@bool" => Cast(a, receiver, "Bool"),
            "select" => Unary(a, receiver, OpKind.Select, ("dim", a.Int("dim")), ("index", a.Int("index"))),
            "size" when a.Count == 1 => Size(a, Input(a, receiver)),
            "size" when a.Count == 0 => Shape(Input(a, receiver)),
            "dim" when a.Count == 0 => Rank(Input(a, receiver), a.Call),
            "MoveToOuterDisposeScope" or "contiguous" or "alias" or "clone" or "detach" => Input(a, receiver),
            _ => throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, a.Call, a.Method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)),
        };
    }

    /// <summary><c>a + b</c> and <c>a * b</c> with a tensor on at least one side.</summary>
    public object? Operator(IOperation operation, BinaryOperatorKind kind, object? left, object? right)
    {
        var comparison = kind switch
        {
            BinaryOperatorKind.Equals => "eq",
            BinaryOperatorKind.NotEquals => "ne",
            BinaryOperatorKind.LessThan => "lt",
            BinaryOperatorKind.LessThanOrEqual => "le",
            BinaryOperatorKind.GreaterThan => "gt",
            BinaryOperatorKind.GreaterThanOrEqual => "ge",
            _ => null,
        };
        if (comparison is not null)
        {
            // A scalar on the left compares the other way round: 0 < x is x > 0.
            var flipped = left is not SymbolicTensor ? comparison switch { "lt" => "gt", "gt" => "lt", "le" => "ge", "ge" => "le", _ => comparison } : comparison;
            return left is SymbolicTensor
                ? Combine(OpKind.Compare, left, right, operation, inPlace: false, comparison)
                : Combine(OpKind.Compare, right, left, operation, inPlace: false, flipped);
        }

        var op = kind switch
        {
            BinaryOperatorKind.Add => OpKind.Add,
            BinaryOperatorKind.Multiply => OpKind.Mul,
            BinaryOperatorKind.Subtract => OpKind.Sub,
            BinaryOperatorKind.Divide => OpKind.Div,
            _ => throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, operation, $"operator {operation.Syntax}"),
        };
        return Combine(op, left, right, operation, inPlace: false);
    }

    private SymbolicTensor Input(Arguments a, object? receiver)
    {
        if (receiver is not null)
        {
            return Tensor(receiver, a.Call);
        }

        return Tensor(a.Count > 0 ? a[0] : null, a.SyntaxOf(a.Method.Parameters.FirstOrDefault()?.Name ?? ""));
    }

    private SymbolicTensor Apply(LayerSpec spec, SymbolicTensor input, IOperation at, bool inPlace) =>
        Result(input, trace.Graph.Add(spec.Kind, [input.Node], spec.Attributes, at), inPlace);

    private SymbolicTensor Reshape(Arguments a, SymbolicTensor input)
    {
        var entries = a.Value("shape") is ListValue list ? list.Items : throw a.Invalid("shape", "not a list", "pass the sizes");
        var shape = new int[entries.Count];
        var inputDims = new int[entries.Count];
        // One entry may be inferred (-1): a literal -1, or else one size computed from run-time sizes.
        var inferred = entries.Any(e => Numeric.IsInteger(e) && Numeric.ToInt64(e!) == -1);
        for (var i = 0; i < entries.Count; i++)
        {
            switch (entries[i])
            {
                case RuntimeSize when !inferred:
                    (shape[i], inputDims[i], inferred) = (-1, -1, true);
                    break;
                case RuntimeSize:
                    throw Evaluator.NotCompileTime(a.SyntaxOfElement("shape", i), RuntimeSize.Instance);
                case SymbolicSize size when size.Node == input.Node:
                    inputDims[i] = size.Dimension;
                    break;
                // With the input shape known, the batch's size read off another tensor is copied from the
                // dimension of this one that has it.
                case SymbolicSize { FollowsBatch: true } size when trace.Graph.DimensionWithSize(input.Node, size) is >= 0 and var dimension:
                    inputDims[i] = dimension;
                    break;
                case var n when Numeric.IsInteger(n):
                    shape[i] = checked((int)Numeric.ToInt64(n!));
                    inputDims[i] = -1;
                    break;
                // A size of another tensor that no dimension of this one has (the batch of a flattened tensor):
                // as the one inferred entry it is exact.
                case SymbolicSize when !inferred:
                    (shape[i], inputDims[i], inferred) = (-1, -1, true);
                    break;
                default:
                    throw new ExtractionException(ExtractionDiagnostics.UnsupportedShapeArgument, a.SyntaxOfElement("shape", i), i);
            }
        }

        var attributes = new[]
        {
            new KeyValuePair<string, AttributeValue>("shape", AttributeValue.Of(shape)),
            new KeyValuePair<string, AttributeValue>("input_dims", AttributeValue.Of(inputDims)),
        };
        return new SymbolicTensor(trace.Graph.Add(OpKind.Reshape, [input.Node], attributes, a.Call));
    }

    /// <summary><c>x.mean(dims, keepdim)</c>, <c>x.sum(dim)</c>: over the dimensions given, or all of them.</summary>
    private SymbolicTensor Reduce(Arguments a, SymbolicTensor input, OpKind kind)
    {
        var dims = a.Method.Parameters.FirstOrDefault(p => p.Type is IArrayTypeSymbol || p.Name is "dim" or "dims" or "dimensions")?.Name;
        if (a.Has("type") && a.Value("type") is not null)
        {
            throw a.Invalid("type", "set", "omit the result type");
        }

        var keepDim = a.Method.Parameters.FirstOrDefault(p => p.Name is "keepdim" or "keepDim")?.Name;
        var attributes = new[]
        {
            new KeyValuePair<string, AttributeValue>("dims", AttributeValue.Of(dims is not null ? a.IntList(dims) : [.. Enumerable.Range(0, (int)Rank(input, a.Call))])),
            new KeyValuePair<string, AttributeValue>("keepdim", AttributeValue.Of(keepDim is not null && a.Bool(keepDim))),
        };
        return new SymbolicTensor(trace.Graph.Add(kind, [input.Node], attributes, a.Call));
    }

    /// <summary><c>torch.stack(tensors, dim)</c>.</summary>
    private SymbolicTensor Stack(Arguments a)
    {
        var name = a.Method.Parameters[0].Name;
        var tensors = a.Value(name) is ListValue list
            ? list.Items.Select(t => Tensor(t, a.SyntaxOf(name)).Node).ToArray()
            : throw a.Invalid(name, "not a list of tensors", "pass an array or list of tensors");
        var dim = a.Has("dim") ? a.Int("dim") : 0;
        return new SymbolicTensor(trace.Graph.Add(OpKind.Stack, tensors, [new("dim", AttributeValue.Of(dim))], a.Call));
    }

    /// <summary><c>x.to(float32)</c>, <c>x.@float()</c>: the input in another element type.</summary>
    private SymbolicTensor Cast(Arguments a, object? receiver, string dtype) =>
        new(trace.Graph.Add(OpKind.Cast, [Input(a, receiver).Node], [new("dtype", AttributeValue.Of(dtype))], a.Call));

    /// <summary>An elementwise function (<c>exp</c>, <c>sqrt</c>, <c>pow</c> of a number, <c>clamp</c>, ...).</summary>
    private SymbolicTensor Pointwise(Arguments a, object? receiver, string fn, bool inPlace, params (string Name, double Value)[] numbers)
    {
        var attributes = numbers.Select(n => new KeyValuePair<string, AttributeValue>(n.Name, AttributeValue.Of(n.Value))).Prepend(new("fn", AttributeValue.Of(fn)));
        var input = Input(a, receiver);
        return Result(input, trace.Graph.Add(OpKind.Pointwise, [input.Node], attributes, a.Call), inPlace);
    }

    private static double Scalar(Arguments a, string name) =>
        Numeric.IsNumber(a.Value(name)) ? Numeric.ToDouble(a.Value(name)!) : throw a.Invalid(name, "not a number known at build time", "pass a number");

    private static (string, double)[] Bound(Arguments a, string name) =>
        a.Has(name) && a.Value(name) is not null ? [(name, Scalar(a, name))] : [];

    private SymbolicTensor Cat(Arguments a)
    {
        var tensors = a.Value("tensors") is ListValue list
            ? list.Items.Select(t => Tensor(t, a.SyntaxOf("tensors")).Node).ToArray()
            : throw a.Invalid("tensors", "not a list of tensors", "pass an array or list of tensors");
        var dim = a.Int(a.Has("dim") ? "dim" : "axis");
        var attributes = new[] { new KeyValuePair<string, AttributeValue>("dim", AttributeValue.Of(dim)) };
        return new SymbolicTensor(trace.Graph.Add(OpKind.Cat, tensors, attributes, a.Call));
    }

    /// <summary><c>x[.., 0]</c>, <c>x[TensorIndex.Ellipsis, ..t]</c>: one <see cref="OpKind.Slice"/> node.</summary>
    public SymbolicTensor Index(SymbolicTensor tensor, IReadOnlyList<object?> positions, IOperation at)
    {
        var indices = positions.Select(p => p as IndexValue ?? throw Evaluator.NotCompileTime(at, p)).ToList();
        return new(trace.Graph.Add(OpKind.Slice, [tensor.Node], [new("indices", AttributeValue.Of(IndexValue.Encode(indices)))], at));
    }

    /// <summary><c>x.shape</c>, <c>x.size()</c>: the sizes when the input shape is known, else a shape to index.</summary>
    public object Shape(SymbolicTensor tensor) =>
        trace.Graph.Sizes(tensor.Node) is { } sizes ? new ListValue(sizes) : new SymbolicShape(tensor.Node);

    /// <summary><c>x.dim()</c>, <c>x.ndim</c>: known when the input shape is.</summary>
    public long Rank(SymbolicTensor tensor, IOperation at) =>
        trace.Graph.Sizes(tensor.Node)?.Count ?? throw Evaluator.NotCompileTime(at, tensor);

    private object Size(Arguments a, SymbolicTensor input)
    {
        var name = a.Method.Parameters[0].Name;
        var dim = a.Int(name);
        if (trace.Graph.Sizes(input.Node) is { } sizes)
        {
            var normalized = dim < 0 ? dim + sizes.Count : dim;
            return normalized >= 0 && normalized < sizes.Count
                ? sizes[normalized]
                : throw new ExtractionException(ExtractionDiagnostics.IndexOutOfRange, a.SyntaxOf(name), dim, sizes.Count);
        }

        return dim >= 0 ? new SymbolicSize(input.Node, dim) : throw a.Invalid(name, "negative", "use the non-negative dimension index, or give [GhnInit] an InputShape");
    }

    /// <summary>A one-input op with integer attributes (dimensions, counts).</summary>
    private SymbolicTensor Unary(Arguments a, object? receiver, OpKind kind, params (string Name, int Value)[] attributes) =>
        Apply(new LayerSpec(kind), Input(a, receiver), a.Call, attributes);

    private SymbolicTensor Apply(LayerSpec spec, SymbolicTensor input, IOperation at, IEnumerable<(string Name, int Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            spec.With(name, value);
        }

        return Apply(spec, input, at, inPlace: false);
    }

    private SymbolicTensor Permute(Arguments a, object? receiver)
    {
        var name = a.Method.Parameters.Last().Name;
        return Apply(new LayerSpec(OpKind.Permute).With("dims", a.IntList(name)), Input(a, receiver), a.Call, inPlace: false);
    }

    private SymbolicTensor Squeeze(Arguments a, object? receiver)
    {
        var dims = a.Has("dim") && a.Value("dim") is { } dim ? [checked((int)Numeric.ToInt64(dim))] : Array.Empty<int>();
        return Apply(new LayerSpec(OpKind.Squeeze).With("dims", dims), Input(a, receiver), a.Call, inPlace: false);
    }

    /// <summary><c>x.chunk(n, dim)</c>: an array of n tensors, one <see cref="OpKind.Chunk"/> node each (torch may give fewer pieces; with the input shape known, exactly as many as it does).</summary>
    private ListValue Chunk(Arguments a, SymbolicTensor input)
    {
        var chunks = a.Int("chunks");
        var dim = a.Int("dim");
        var count = chunks;
        if (trace.Graph.Sizes(input.Node) is { } sizes && sizes[dim < 0 ? dim + sizes.Count : dim] is long size)
        {
            var piece = (size + chunks - 1) / chunks;
            count = (int)((size + piece - 1) / piece);
        }

        return new ListValue(Enumerable.Range(0, count).Select(i => (object?)Unary(a, input, OpKind.Chunk, ("chunks", chunks), ("dim", dim), ("index", i))));
    }

    /// <summary><c>x.split(sizes, dim)</c> or <c>x.split(size, dim)</c> (which needs the dimension's size): one <see cref="OpKind.Narrow"/> per piece.</summary>
    private ListValue Split(Arguments a, SymbolicTensor input)
    {
        var first = a.Method.Parameters[0].Name;
        var dim = a.Has("dim") ? a.Int("dim") : 0;
        var pieces = a.Value(first) is ListValue ? a.IntList(first) : null;
        if (pieces is null)
        {
            var size = a.Int(first);
            var total = trace.Graph.Sizes(input.Node) is { } sizes && sizes[dim < 0 ? dim + sizes.Count : dim] is long known
                ? (int)known
                : throw Evaluator.NotCompileTime(a.Call, new SymbolicSize(input.Node, dim));
            pieces = [.. Enumerable.Range(0, (total + size - 1) / size).Select(i => Math.Min(size, total - (i * size)))];
        }

        var start = 0;
        var parts = new List<object?>();
        foreach (var length in pieces)
        {
            parts.Add(Unary(a, input, OpKind.Narrow, ("dim", dim), ("start", start), ("length", length)));
            start += length;
        }

        return new ListValue(parts);
    }

    /// <summary>
    /// Sizes of <c>expand</c> and <c>zeros</c> in forward: numbers, or sizes of one other tensor (its batch) copied
    /// from it at run time (a reference dimension, -1 for a number).
    /// </summary>
    private static (int[] Sizes, int[] ReferenceDims, int? Reference) RunTimeSizes(IReadOnlyList<object?> entries, Func<int, IOperation> syntaxOf)
    {
        var sizes = new int[entries.Count];
        var referenceDims = new int[entries.Count];
        int? reference = null;
        for (var i = 0; i < entries.Count; i++)
        {
            switch (entries[i])
            {
                case SymbolicSize size when reference is null || reference == size.Node:
                    (reference, sizes[i], referenceDims[i]) = (size.Node, -1, size.Dimension);
                    break;
                case var n when Numeric.IsInteger(n):
                    (sizes[i], referenceDims[i]) = (checked((int)Numeric.ToInt64(n!)), -1);
                    break;
                default:
                    throw new ExtractionException(ExtractionDiagnostics.UnsupportedShapeArgument, syntaxOf(i), i);
            }
        }

        return (sizes, referenceDims, reference);
    }

    /// <summary><c>t.expand(sizes)</c>: -1 keeps a size, a size read off another tensor (its batch) is taken from it at run time.</summary>
    private SymbolicTensor Expand(Arguments a, SymbolicTensor input)
    {
        var name = a.Method.Parameters[0].Name;
        var entries = a.Value(name) is ListValue list ? list.Items : throw a.Invalid(name, "not a list", "pass the sizes");
        var (sizes, referenceDims, reference) = RunTimeSizes(entries, i => a.SyntaxOfElement(name, i));

        var attributes = new[]
        {
            new KeyValuePair<string, AttributeValue>("sizes", AttributeValue.Of(sizes)),
            new KeyValuePair<string, AttributeValue>("reference_dims", AttributeValue.Of(referenceDims)),
        };
        return new SymbolicTensor(trace.Graph.Add(OpKind.Expand, reference is { } r ? [input.Node, r] : [input.Node], attributes, a.Call));
    }

    /// <summary><c>torch.arange(start, stop, step)</c> in forward: a node that makes the numbers on the input's device.</summary>
    private SymbolicTensor Arange(Arguments a)
    {
        var bounds = a.Method.Parameters.Where(p => p.Name is "start" or "stop" or "end" or "step").Select(p => a[p.Ordinal]).ToList();
        if (bounds.FirstOrDefault(b => !Numeric.IsNumber(b)) is { } unknown)
        {
            throw Evaluator.NotCompileTime(a.Call, unknown);
        }

        var numbers = bounds.Select(b => Numeric.ToDouble(b!)).ToList();
        var (start, stop, step) = numbers.Count switch { 1 => (0.0, numbers[0], 1.0), 2 => (numbers[0], numbers[1], 1.0), _ => (numbers[0], numbers[1], numbers[2]) };
        var dtype = a.Has("dtype") && a.Value("dtype") is EnumValue type ? type.ToString()
            : bounds.All(Numeric.IsInteger) ? "Int64" : "Float32";
        var attributes = new KeyValuePair<string, AttributeValue>[]
        {
            new("start", AttributeValue.Of(start)), new("stop", AttributeValue.Of(stop)), new("step", AttributeValue.Of(step)), new("dtype", AttributeValue.Of(dtype)),
        };
        return new SymbolicTensor(trace.Graph.Add(OpKind.Arange, [0], attributes, a.Call));
    }

    /// <summary>
    /// <c>zeros(sizes)</c> and its kin in forward (an LSTM's initial state): a size read off a tensor (its batch) is
    /// taken from that tensor at run time, the others are numbers. <paramref name="like"/> gives the device and, unless
    /// <c>dtype</c> says otherwise, the element type (<c>x.new_zeros</c>); without it the tensor is on the input's device.
    /// </summary>
    private SymbolicTensor Full(Arguments a, string factory, IReadOnlyList<object?> entries, SymbolicTensor? like)
    {
        var (sizes, referenceDims, reference) = RunTimeSizes(entries, _ => a.Call);
        if (like is not null && reference is not null && reference != like.Node)
        {
            throw new ExtractionException(ExtractionDiagnostics.UnsupportedShapeArgument, a.Call, Array.IndexOf(referenceDims, referenceDims.First(d => d >= 0)));
        }

        return FullNode(a, factory, sizes, referenceDims, reference ?? like?.Node ?? 0, sameTypeAsInput: like is not null);
    }

    /// <summary><c>zeros_like(x)</c> and its kin: every size is <paramref name="input"/>'s.</summary>
    private SymbolicTensor FullLike(Arguments a, string factory, SymbolicTensor input)
    {
        var rank = (int)Rank(input, a.Call);
        return FullNode(a, factory, new int[rank], [.. Enumerable.Range(0, rank)], input.Node, sameTypeAsInput: true);
    }

    private SymbolicTensor FullNode(Arguments a, string factory, int[] sizes, int[] referenceDims, int input, bool sameTypeAsInput)
    {
        var value = factory switch
        {
            "ones" => 1.0,
            "full" when Numeric.IsNumber(a.Value("value")) => Numeric.ToDouble(a.Value("value")!),
            "full" => throw a.Invalid("value", "not a compile-time number", "pass a number"),
            _ => 0.0,
        };
        var dtype = a.Has("dtype") && a.Value("dtype") is EnumValue type ? type.ToString() : sameTypeAsInput ? "" : "Float32";
        var attributes = new KeyValuePair<string, AttributeValue>[]
        {
            new("sizes", AttributeValue.Of(sizes)), new("reference_dims", AttributeValue.Of(referenceDims)), new("value", AttributeValue.Of(value)), new("dtype", AttributeValue.Of(dtype)),
        };
        return new SymbolicTensor(trace.Graph.Add(OpKind.Full, [input], attributes, a.Call));
    }

    /// <summary><c>functional.scaled_dot_product_attention(q, k, v, attn_mask, p, is_casual)</c>.</summary>
    private SymbolicTensor Attention(Arguments a)
    {
        var tensors = new List<int> { Tensor(a[0], a.Call).Node, Tensor(a[1], a.Call).Node, Tensor(a[2], a.Call).Node };
        var mask = a.Value("attn_mask");
        if (mask is not null)
        {
            tensors.Add(Tensor(mask, a.SyntaxOf("attn_mask")).Node);
        }

        var attributes = new KeyValuePair<string, AttributeValue>[]
        {
            new("dropout", AttributeValue.Of(a.Double("p"))), new("is_causal", AttributeValue.Of(a.Bool("is_casual"))), new("attn_mask", AttributeValue.Of(mask is not null)),
        };
        return new SymbolicTensor(trace.Graph.Add(OpKind.ScaledDotProductAttention, tensors, attributes, a.Call));
    }

    /// <summary><c>functional.layer_norm(x, shape, weight, bias, eps)</c>: the model's weight and bias tensors (both or neither) are inputs.</summary>
    private SymbolicTensor LayerNorm(Arguments a)
    {
        var input = Tensor(a[0], a.Call);
        var (weight, bias) = (a.Value("weight"), a.Value("bias"));
        if ((weight is null) != (bias is null))
        {
            throw a.Invalid(weight is null ? "weight" : "bias", "missing", "pass both weight and bias, or neither");
        }

        var inputs = weight is null ? [input.Node] : new[] { input.Node, Tensor(weight, a.SyntaxOf("weight")).Node, Tensor(bias, a.SyntaxOf("bias")).Node };
        var attributes = new KeyValuePair<string, AttributeValue>[] { new("normalized_shape", AttributeValue.Of(a.IntList("normalized_shape"))), new("eps", AttributeValue.Of(a.Double("eps"))) };
        return new SymbolicTensor(trace.Graph.Add(OpKind.LayerNorm, inputs, attributes, a.Call));
    }

    /// <summary><c>functional.linear(x, weight, bias)</c> with tensors: a layer's weight read in forward (a tied output layer).</summary>
    private SymbolicTensor TensorLinear(Arguments a)
    {
        var inputs = new List<int> { Tensor(a[0], a.Call).Node, Tensor(a[1], a.SyntaxOf(a.Method.Parameters[1].Name)).Node };
        if (a.Count > 2 && a[2] is not null)
        {
            inputs.Add(Tensor(a[2], a.SyntaxOf(a.Method.Parameters[2].Name)).Node);
        }

        return new SymbolicTensor(trace.Graph.Add(OpKind.Linear, inputs, null, a.Call));
    }

    private SymbolicTensor MaskedFill(Arguments a, SymbolicTensor input)
    {
        var mask = Tensor(a.Value("mask"), a.SyntaxOf("mask"));
        var value = a.Value("value") is var v && Numeric.IsNumber(v) ? Numeric.ToDouble(v!) : throw a.Invalid("value", "not a number", "pass a number");
        var attributes = new[] { new KeyValuePair<string, AttributeValue>("value", AttributeValue.Of(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) };
        return new SymbolicTensor(trace.Graph.Add(OpKind.MaskedFill, [input.Node, mask.Node], attributes, a.Call));
    }

    private SymbolicTensor Matmul(Arguments a, object? receiver)
    {
        var operands = a.Method.Parameters.Select(p => a[p.Ordinal]).ToList();
        if (receiver is not null)
        {
            operands.Insert(0, receiver);
        }

        var left = Tensor(operands[0], a.Call);
        var right = Tensor(operands[1], a.Call);
        return new SymbolicTensor(trace.Graph.Add(OpKind.Matmul, [left.Node, right.Node], null, a.Call));
    }

    /// <summary><c>torch.add(a, b)</c>, <c>a.add(b)</c>, <c>a.mul_(2)</c>, ...: alpha, when given, must be 1.</summary>
    private SymbolicTensor Arithmetic(Arguments a, object? receiver, OpKind op, bool inPlace)
    {
        if (a.Has("alpha") && !(Numeric.IsNumber(a.Value("alpha")) && Numeric.ToDouble(a.Value("alpha")!) == 1))
        {
            throw a.Invalid("alpha", "not 1", "multiply the operand instead");
        }

        if (a.Has("rounding_mode") && a.Value("rounding_mode") is EnumValue { MemberName: not "None" })
        {
            throw a.Invalid("rounding_mode", "set", "divide without rounding");
        }

        var operands = a.Method.Parameters.Where(p => p.Name is not ("alpha" or "rounding_mode")).Select(p => a[p.Ordinal]).ToList();
        if (receiver is not null)
        {
            operands.Insert(0, receiver);
        }

        return operands.Count == 2
            ? Combine(op, operands[0], operands[1], a.Call, inPlace)
            : throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, a.Call, a.Method.ToDisplayString());
    }

    private SymbolicTensor Combine(OpKind op, object? left, object? right, IOperation at, bool inPlace, string? comparison = null)
    {
        var compared = comparison is null ? [] : new[] { new KeyValuePair<string, AttributeValue>("op", AttributeValue.Of(comparison)) };
        if (left is SymbolicTensor l && right is SymbolicTensor r)
        {
            return Result(l, trace.Graph.Add(op, [l.Node, r.Node], compared, at), inPlace);
        }

        var scalarFirst = left is not SymbolicTensor;
        var (tensor, scalar) = scalarFirst ? (Tensor(right, at), left) : ((SymbolicTensor)left!, right);
        if (!Numeric.IsNumber(scalar))
        {
            throw Evaluator.NotCompileTime(at, scalar);
        }

        var attributes = new List<KeyValuePair<string, AttributeValue>>(compared) { new("scalar", AttributeValue.Of(Numeric.ToDouble(scalar!))) };
        if (scalarFirst && op is OpKind.Sub or OpKind.Div)
        {
            // 1 - x and 1 / x: the order matters for these two.
            attributes.Add(new("scalar_first", AttributeValue.Of(true)));
        }

        return Result(tensor, trace.Graph.Add(op, [tensor.Node], attributes, at), inPlace);
    }
}

using Ghn.Extraction.Values;
using Ghn.Graphs;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Tensor code in constructors, followed for shapes only: factories (<c>zeros</c>, <c>ones</c>, <c>empty</c>,
/// <c>rand</c>, <c>randn</c>, <c>full</c>, <c>arange</c>), elementwise math (which broadcasts), shape ops (through
/// <see cref="ShapeInference"/>), in-place changes and slice assignments (which keep the shape).
/// </summary>
internal static class ConstructorTensors
{
    private static readonly HashSet<string> Factories = new(StringComparer.Ordinal) { "zeros", "ones", "empty", "rand", "randn", "full", "randint" };

    private static readonly HashSet<string> Elementwise = new(StringComparer.Ordinal)
    {
        "exp", "log", "sin", "cos", "tanh", "sigmoid", "sqrt", "rsqrt", "pow", "neg", "abs", "float", "@float", "half", "to", "type",
        "clone", "detach", "contiguous", "mul", "add", "sub", "div", "requires_grad_", "cpu", "cuda", "triu", "tril", "masked_fill",
        "nan_to_num", "square", "reciprocal", "clamp", "clip", "log1p", "erf", "sign", "where", "MoveToOuterDisposeScope", "DetachFromDisposeScope",
    };

    public static ModelTensor Invoke(Arguments a, object? receiver)
    {
        var name = a.Method.Name;
        if (receiver is ModelTensor self && name.EndsWith("_", StringComparison.Ordinal))
        {
            return self;
        }

        if (receiver is null && Factories.Contains(name))
        {
            return new ModelTensor(a.SizeEntries() is { } sizes ? Sizes(new ListValue(sizes)) : null);
        }

        if (receiver is null && name == "eye" && Numeric.IsInteger(a[0]))
        {
            // eye(rows, columns = -1): a negative column count is the row count.
            var rows = (int)Numeric.ToInt64(a[0]!);
            var columns = a.Count > 1 && Numeric.IsInteger(a[1]) && Numeric.ToInt64(a[1]!) >= 0 ? (int)Numeric.ToInt64(a[1]!) : rows;
            return new ModelTensor([rows, columns]);
        }

        if (receiver is null && name == "arange")
        {
            return new ModelTensor(Arange(a));
        }

        var tensors = a.Values.Prepend(receiver).OfType<ModelTensor>().ToList();
        if (name == "Parameter")
        {
            return new ModelTensor(tensors.FirstOrDefault()?.Shape, isParameter: true);
        }

        if (Elementwise.Contains(name))
        {
            return new ModelTensor(tensors.Count > 0 && tensors.All(t => t.Shape is not null) ? Broadcast(tensors.Select(t => t.Shape!)) : null);
        }

        if (name is "mm" or "matmul" && tensors.Count == 2 && tensors.All(t => t.Shape is not null))
        {
            return new ModelTensor(Infer(OpKind.Matmul, [], tensors[0].Shape!, tensors[1].Shape!));
        }

        var input = receiver as ModelTensor ?? tensors.FirstOrDefault();
        return new ModelTensor(input?.Shape is { } shape ? ShapeOp(name, a, shape) : null);
    }

    /// <summary>A tensor index of a constructor tensor (reading <c>pe[.., 0..d]</c>): the shape it leaves.</summary>
    public static ModelTensor Index(ModelTensor tensor, IReadOnlyList<object?> positions)
    {
        if (tensor.Shape is null || positions.Any(p => p is not IndexValue))
        {
            return new ModelTensor(null);
        }

        try
        {
            return new ModelTensor(TensorIndices.Apply(IndexValue.Encode(positions.Cast<IndexValue>()), tensor.Shape));
        }
        catch (GraphFormatException)
        {
            return new ModelTensor(null);
        }
    }

    /// <summary>An operator on tensors of the constructor: broadcasting keeps shapes exact.</summary>
    public static ModelTensor Operator(object? left, object? right) =>
        new(new[] { left, right }.OfType<ModelTensor>().All(t => t.Shape is not null)
            ? Broadcast(new[] { left, right }.OfType<ModelTensor>().Select(t => t.Shape!))
            : null);

    private static int[]? ShapeOp(string name, Arguments a, int[] shape)
    {
        switch (name)
        {
            // diag of a vector is the square matrix with it on the diagonal; of a matrix, its main diagonal.
            case "diag":
                return shape.Length == 1 ? [shape[0], shape[0]] : shape.Length == 2 ? [Math.Min(shape[0], shape[1])] : null;
            case "sum" or "mean":
                var dims = a.Method.Parameters.FirstOrDefault(p => p.Name is "dim" or "dims" or "dimensions");
                var keepDim = a.Method.Parameters.FirstOrDefault(p => p.Name is "keepdim" or "keepDim");
                var reduced = dims is null ? Enumerable.Range(0, shape.Length).ToArray() : Sizes(a[dims.Ordinal]);
                return reduced is null ? null : Infer(OpKind.Sum, [new("dims", AttributeValue.Of(reduced)), new("keepdim", AttributeValue.Of(keepDim is not null && a[keepDim.Ordinal] is true))], shape);
        }


        var kind = name switch
        {
            "unsqueeze" => OpKind.Unsqueeze,
            "squeeze" => OpKind.Squeeze,
            "transpose" => OpKind.Transpose,
            "permute" => OpKind.Permute,
            "view" or "reshape" => OpKind.Reshape,
            "flatten" => OpKind.Flatten,
            _ => (OpKind?)null,
        };
        if (kind is null)
        {
            return null;
        }

        var attributes = new List<KeyValuePair<string, AttributeValue>>();
        void Add(string key, AttributeValue value) => attributes.Add(new(key, value));
        int Int(int index) => (int)Numeric.ToInt64(a[index]!);
        switch (kind)
        {
            case OpKind.Unsqueeze:
                Add("dim", AttributeValue.Of(Int(0)));
                break;
            case OpKind.Squeeze:
                Add("dims", AttributeValue.Of(a.Count > 0 && Numeric.IsInteger(a[0]) ? [Int(0)] : Array.Empty<int>()));
                break;
            case OpKind.Transpose:
                Add("dim0", AttributeValue.Of(Int(0)));
                Add("dim1", AttributeValue.Of(Int(1)));
                break;
            case OpKind.Permute or OpKind.Reshape:
                var sizes = Sizes(a[a.Count - 1]);
                if (sizes is null)
                {
                    return null;
                }

                Add(kind == OpKind.Permute ? "dims" : "shape", AttributeValue.Of(sizes));
                break;
            case OpKind.Flatten:
                Add("start_dim", AttributeValue.Of(a.Count > 0 ? Int(0) : 0));
                Add("end_dim", AttributeValue.Of(a.Count > 1 ? Int(1) : -1));
                break;
        }

        return Infer(kind.Value, attributes, shape);
    }

    /// <summary>The shape <see cref="ShapeInference"/> gives an op on these shapes, or null when they do not fit it.</summary>
    private static int[]? Infer(OpKind kind, IEnumerable<KeyValuePair<string, AttributeValue>> attributes, params int[][] inputs)
    {
        try
        {
            return ShapeInference.InferNode(new OpNode(inputs.Length, kind, Enumerable.Range(0, inputs.Length), attributes), inputs);
        }
        catch (GraphFormatException)
        {
            return null;
        }
    }

    private static int[]? Sizes(object? value) => value switch
    {
        ListValue list when list.Items.All(Numeric.IsInteger) => [.. list.Items.Select(i => (int)Numeric.ToInt64(i!))],
        TupleValue tuple when tuple.Items.All(Numeric.IsInteger) => [.. tuple.Items.Select(i => (int)Numeric.ToInt64(i!))],
        _ when Numeric.IsInteger(value) => [(int)Numeric.ToInt64(value!)],
        _ => null,
    };

    private static int[]? Arange(Arguments a)
    {
        var numbers = a.Values.Where(Numeric.IsNumber).Select(v => Numeric.ToDouble(v!)).ToList();
        var (start, stop, step) = numbers.Count switch
        {
            1 => (0.0, numbers[0], 1.0),
            2 => (numbers[0], numbers[1], 1.0),
            >= 3 => (numbers[0], numbers[1], numbers[2]),
            _ => (0.0, 0.0, 0.0),
        };
        return step == 0 ? null : [Math.Max(0, (int)Math.Ceiling((stop - start) / step))];
    }

    private static int[] Broadcast(IEnumerable<int[]> shapes) =>
        shapes.Aggregate((a, b) =>
        {
            var rank = Math.Max(a.Length, b.Length);
            return [.. Enumerable.Range(0, rank).Select(i =>
            {
                var x = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
                var y = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
                return Math.Max(x, y);
            })];
        });
}

using System.Collections.Immutable;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// The evaluated arguments of one call, by parameter. Omitted optional arguments carry the default value
/// declared on the method symbol (Roslyn materialises them), so TorchSharp's own defaults apply.
/// </summary>
internal sealed class Arguments
{
    private readonly object?[] _values;
    private readonly IOperation?[] _syntax;

    public Arguments(IMethodSymbol method, IOperation call, object?[] values, IOperation?[] syntax)
    {
        Method = method;
        Call = call;
        _values = values;
        _syntax = syntax;
    }

    public IMethodSymbol Method { get; }

    public IOperation Call { get; }

    public int Count => _values.Length;

    public object? this[int ordinal] => _values[ordinal];

    public IReadOnlyList<object?> Values => _values;

    /// <summary>True when the method has a parameter named <paramref name="name"/>.</summary>
    public bool Has(string name) => Ordinal(name) >= 0;

    public object? Value(string name) => _values[Require(name)];

    public long Long(string name) => Number(name, Numeric.ToInt64);

    public int Int(string name) => ToInt(name, Long(name));

    public double Double(string name) => Number(name, Numeric.ToDouble);

    public bool Bool(string name) => Value(name) is bool b ? b : throw Invalid(name, "not a flag", "pass true or false");

    /// <summary>A flag that only some overloads declare (for example <c>inplace</c>); false when absent.</summary>
    public bool OptionalBool(string name) => Has(name) && Bool(name);

    /// <summary>
    /// A per-dimension size given as a number, a tuple or an array; <paramref name="ifNull"/> when the argument
    /// is null (TorchSharp's "use the default" for nullable sizes).
    /// </summary>
    public int[] Ints(string name, int rank, int[]? ifNull = null)
    {
        var value = Value(name);
        IReadOnlyList<object?>? items = value switch
        {
            null => null,
            TupleValue t => t.Items,
            ListValue l => l.Items,
            _ when Numeric.IsInteger(value) => Enumerable.Repeat<object?>(value, rank).ToArray(),
            _ => throw Invalid(name, $"'{Numeric.Format(value)}'", "pass an integer, a tuple or an array of integers"),
        };
        if (items is null)
        {
            return ifNull ?? throw Invalid(name, "null", "pass a size");
        }

        if (items.Count != rank || items.Any(i => !Numeric.IsInteger(i)))
        {
            throw Invalid(name, $"not {rank} integers", $"pass {rank} integers");
        }

        return [.. items.Select(i => ToInt(name, Numeric.ToInt64(i!)))];
    }

    /// <summary>A list of integers of any length (a number counts as a list of one).</summary>
    public int[] IntList(string name)
    {
        var value = Value(name);
        var items = value switch
        {
            TupleValue t => t.Items,
            ListValue l => l.Items,
            _ => [value],
        };
        return items.All(Numeric.IsInteger)
            ? [.. items.Select(i => ToInt(name, Numeric.ToInt64(i!)))]
            : throw Invalid(name, "not a list of integers", "pass integers");
    }

    /// <summary>
    /// The sizes of a tensor factory (<c>zeros(long[] size)</c>, <c>zeros(size)</c>, <c>zeros(rows, columns)</c>,
    /// <c>zeros(dim0, dim1, dim2[, dim3])</c>): one entry per dimension, or null when the method takes no sizes.
    /// </summary>
    public IReadOnlyList<object?>? SizeEntries()
    {
        var sizes = Method.Parameters.FirstOrDefault(p => p.Name is "size" or "sizes" or "shape");
        if (sizes is not null)
        {
            return _values[sizes.Ordinal] switch
            {
                ListValue list => list.Items,
                TupleValue tuple => tuple.Items,
                var single => [single],
            };
        }

        var dims = Method.Parameters.TakeWhile(p => p.Name is "rows" or "columns" || (p.Name.StartsWith("dim", StringComparison.Ordinal) && p.Name.Length == 4)).ToList();
        return dims.Count > 0 ? [.. dims.Select(p => _values[p.Ordinal])] : null;
    }

    /// <summary>The member name of an enum argument.</summary>
    public string EnumMember(string name) =>
        Value(name) is EnumValue e ? e.ToString() : throw Invalid(name, "not an enum member", "pass a member of the enum");

    /// <summary>The location of the argument for <paramref name="name"/>, or of the call when it was omitted.</summary>
    public IOperation SyntaxOf(string name)
    {
        var ordinal = Ordinal(name);
        return ordinal >= 0 ? _syntax[ordinal] ?? Call : Call;
    }

    /// <summary>The location of element <paramref name="index"/> of a list argument (a params array or collection), else of the argument.</summary>
    public IOperation SyntaxOfElement(string name, int index)
    {
        var argument = SyntaxOf(name);
        var value = argument is IArgumentOperation a ? a.Value : argument;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        var elements = value switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            ICollectionExpressionOperation collection => collection.Elements,
            _ => ImmutableArray<IOperation>.Empty,
        };
        return index < elements.Length ? elements[index] : argument;
    }

    /// <summary>An <see cref="ExtractionDiagnostics.InvalidArgument"/> error at the argument.</summary>
    public ExtractionException Invalid(string name, string problem, string fix) =>
        new(ExtractionDiagnostics.InvalidArgument, SyntaxOf(name), name, Method.Name, problem, fix);

    private int ToInt(string name, long value) =>
        value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Invalid(name, $"{value}", "pass a size that fits in 32 bits");

    private T Number<T>(string name, Func<object, T> convert)
    {
        var value = Value(name);
        return Numeric.IsNumber(value) ? convert(value!) : throw Invalid(name, $"'{Numeric.Format(value)}'", "pass a number");
    }

    private int Require(string name)
    {
        var ordinal = Ordinal(name);
        return ordinal >= 0
            ? ordinal
            : throw new InvalidOperationException($"{Method.ToDisplayString()} has no parameter '{name}'.");
    }

    private int Ordinal(string name)
    {
        var parameters = Method.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Evaluates the arguments of <paramref name="call"/> in source order and places them by parameter.</summary>
    public static Arguments Evaluate(IMethodSymbol method, IOperation call, ImmutableArray<IArgumentOperation> arguments, Func<IOperation, object?> evaluate)
    {
        var values = new object?[method.Parameters.Length];
        var syntax = new IOperation?[method.Parameters.Length];
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                throw new CompilationErrorException();
            }

            // An out argument is a target the call writes (see OutResult), not a value it reads.
            values[parameter.Ordinal] = parameter.RefKind == RefKind.Out ? null : evaluate(argument.Value);
            syntax[parameter.Ordinal] = argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument;
        }

        return new Arguments(method, call, values, syntax);
    }
}

using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// The .NET library calls model code commonly uses to compute sizes and names: the pure members of strings, numbers,
/// <c>Math</c> and <c>Convert</c> (<see cref="BclMembers"/>), <c>Nullable&lt;T&gt;</c>, <c>List&lt;T&gt;</c> and LINQ.
/// Anything else is reported, never guessed.
/// </summary>
internal sealed class LibraryCalls(ExtractionContext context)
{
    public object? Invoke(Arguments a, object? receiver)
    {
        var method = a.Method;
        var type = method.ContainingType;
        var result = type switch
        {
            _ when BclMembers.Contains(method) => BclMembers.TryInvoke(method, receiver, a.Values, a.Call, out var value) ? value : Unsupported.Value,
            _ when LibraryTypes.IsNullable(type) => NullableCall(a, receiver),
            _ when LibraryTypes.IsEnumerable(type) => a.Count == 2 && a[1] is Closure selector ? EnumerableWithLambda(a, selector) : Enumerable(a),
            _ when LibraryTypes.IsTuple(type) && method.Name == "Create" => new TupleValue([.. a.Values]),
            _ when LibraryTypes.IsList(type) => ListCall(a, receiver),
            _ when LibraryTypes.IsDictionary(type) || LibraryTypes.IsSet(type) => DictionaryCall(a, receiver),
            // Identity is exact for the values that are references in the model too: modules, objects, collections.
            { SpecialType: SpecialType.System_Object } when method.Name == "ReferenceEquals" && a.Values.All(v => v is null or ModuleInstance or IObjectState or ListValue or DictionaryValue) =>
                ReferenceEquals(a[0], a[1]),
            { SpecialType: SpecialType.System_Object } when method.Name == "MemberwiseClone" && receiver is ObjectInstance original => original.ShallowCopy(),
            _ when method.Name == "ToString" && a.Count == 0 && receiver is not null && !context.Torch.IsTorchSharp(method) => Numeric.Format(receiver),
            _ => Unsupported.Value,
        };
        return result == Unsupported.Value
            ? throw new ExtractionException(ExtractionDiagnostics.UnsupportedLibraryCall, a.Call, method.ToDisplayString())
            : result;
    }

    /// <summary>Library objects created with <c>new</c>: lists, dictionaries and sets (without a custom comparer).</summary>
    public object? Create(Arguments a)
    {
        var type = a.Method.ContainingType;
        if (LibraryTypes.IsList(type))
        {
            return a.Count == 1 && a[0] is ListValue source ? new ListValue(source.Items) : new ListValue([]);
        }

        if (LibraryTypes.IsTuple(type))
        {
            return new TupleValue([.. a.Values]);
        }

        var isSet = LibraryTypes.IsSet(type);
        if ((isSet || LibraryTypes.IsDictionary(type)) && a.Values.All(v => v is null or DictionaryValue or ListValue || Numeric.IsInteger(v)))
        {
            var created = new DictionaryValue(isSet);
            foreach (var item in a.Values.OfType<DictionaryValue>().SelectMany(d => d.Entries))
            {
                created.TryAdd(item.Key, item.Value);
            }

            foreach (var item in a.Values.OfType<ListValue>().SelectMany(l => l.Items))
            {
                created.TryAdd(item, null);
            }

            return created;
        }

        throw new ExtractionException(ExtractionDiagnostics.UnsupportedLibraryCall, a.Call, $"new {a.Method.ContainingType.ToDisplayString()}(...)");
    }

    private static object? Enumerable(Arguments a)
    {
        var source = a.Count > 0 ? Sequence(a[0], a.Call) : null;
        int Count(int index) => checked((int)Numeric.ToInt64(a[index]!));
        return (a.Method.Name, a.Count) switch
        {
            ("Range", 2) => new ListValue(System.Linq.Enumerable.Range(Count(0), Count(1)).Select(i => (object?)i)),
            ("Repeat", 2) => new ListValue(System.Linq.Enumerable.Repeat(a[0], Count(1))),
            (_, _) when source is null => Unsupported.Value,
            ("ToArray" or "ToList", 1) => new ListValue(source),
            ("Count", 1) => source.Count,
            ("Sum" or "Max" or "Min", 1) => Aggregate(a.Method.Name, source, a.Method.ReturnType),
            ("Reverse", 1) => new ListValue(System.Linq.Enumerable.Reverse(source)),
            ("First" or "FirstOrDefault", 1) => source.Count > 0 ? source[0] : a.Method.Name == "First" ? Unsupported.Value : Construction.DefaultOf(a.Method.ReturnType),
            ("Last" or "LastOrDefault", 1) => source.Count > 0 ? source[^1] : a.Method.Name == "Last" ? Unsupported.Value : Construction.DefaultOf(a.Method.ReturnType),
            ("ElementAt", 2) when Count(1) >= 0 && Count(1) < source.Count => source[Count(1)],
            ("Skip", 2) => new ListValue(source.Skip(Count(1))),
            ("Take", 2) => new ListValue(source.Take(Count(1))),
            ("SkipLast", 2) => new ListValue(source.Take(Math.Max(0, source.Count - Count(1)))),
            ("TakeLast", 2) => new ListValue(source.Skip(Math.Max(0, source.Count - Count(1)))),
            ("Concat", 2) when Sequence(a[1], a.Call) is { } second => new ListValue(source.Concat(second)),
            ("Contains", 2) => source.Select(item => Operators.AreEqual(item, a[1])).ToList() is var found && found.Contains(true) ? true : found.Contains(null) ? Unsupported.Value : false,
            ("Distinct", 1) => new ListValue(source.Where((item, i) => !source.Take(i).Any(earlier => Operators.AreEqual(earlier, item) == true))),
            _ => Unsupported.Value,
        };
    }

    /// <summary>The items of a sequence LINQ may read: a list or array, a set or dictionary, a module container; null otherwise.</summary>
    private static List<object?>? Sequence(object? value, IOperation at) =>
        value is ListValue or DictionaryValue or ContainerModule ? [.. Collections.Enumerate(value, at)] : null;

    /// <summary>LINQ operators with a lambda (which may take the element's index too): Select, Where, Any, All, Count, Sum, Max, Min.</summary>
    private object? EnumerableWithLambda(Arguments a, Closure lambda)
    {
        var withIndex = lambda.Parameters.Length == 2;
        if (Sequence(a[0], a.Call) is not { } source || (withIndex && a.Method.Name is not ("Select" or "Where")))
        {
            return Unsupported.Value;
        }

        object? Apply(object? item, int index) => context.Calls.InvokeClosure(lambda, withIndex ? [item, index] : [item], a.Call);
        bool Test(object? item, int index) => Apply(item, index) is true;
        IEnumerable<object?> Selected() => source.Select(Apply).ToList();
        return a.Method.Name switch
        {
            "Select" => new ListValue(Selected()),
            "Where" => new ListValue(source.Where(Test).ToList()),
            "Any" => source.Any(item => Test(item, 0)),
            "All" => source.All(item => Test(item, 0)),
            "Count" => source.Count(item => Test(item, 0)),
            "Sum" or "Max" or "Min" => Aggregate(a.Method.Name, Selected().ToList(), a.Method.ReturnType),
            "First" or "FirstOrDefault" or "Last" or "LastOrDefault" => FindOne(a, source.Where(Test).ToList()),
            "SkipWhile" => new ListValue(source.SkipWhile(item => Test(item, 0))),
            "TakeWhile" => new ListValue(source.TakeWhile(item => Test(item, 0))),
            "SelectMany" => Selected().Select(s => Sequence(s, a.Call)).ToList() is var parts && parts.All(p => p is not null) ? new ListValue(parts.SelectMany(p => p!)) : Unsupported.Value,
            _ => Unsupported.Value,
        };
    }

    /// <summary><c>First(predicate)</c> and its kin over the matching items.</summary>
    private static object? FindOne(Arguments a, List<object?> matching) => a.Method.Name switch
    {
        "First" or "Last" when matching.Count == 0 => Unsupported.Value,
        "First" or "FirstOrDefault" when matching.Count > 0 => matching[0],
        "Last" or "LastOrDefault" when matching.Count > 0 => matching[^1],
        _ => Construction.DefaultOf(a.Method.ReturnType),
    };

    private static object? Aggregate(string name, List<object?> values, ITypeSymbol type)
    {
        if (!values.All(Numeric.IsNumber) || (name != "Sum" && values.Count == 0))
        {
            return Unsupported.Value;
        }

        if (values.All(Numeric.IsInteger))
        {
            var longs = values.Select(v => Numeric.ToInt64(v!)).ToList();
            return Conversions.To(name switch { "Sum" => longs.Sum(), "Max" => longs.Max(), _ => longs.Min() }, type);
        }

        var doubles = values.Select(v => Numeric.ToDouble(v!)).ToList();
        return Conversions.To(name switch { "Sum" => doubles.Sum(), "Max" => doubles.Max(), _ => doubles.Min() }, type);
    }

    /// <summary><c>Nullable&lt;T&gt;</c>: a value is held boxed, so "no value" is null.</summary>
    private static object? NullableCall(Arguments a, object? receiver) => a.Method.Name switch
    {
        "GetValueOrDefault" => receiver ?? (a.Count == 1 ? a[0] : Construction.DefaultOf(((INamedTypeSymbol)a.Method.ContainingType).TypeArguments[0])),
        "Equals" when a.Count == 1 => (object?)Operators.AreEqual(receiver, a[0]) ?? Unsupported.Value,
        _ => Unsupported.Value,
    };

    private static object? DictionaryCall(Arguments a, object? receiver)
    {
        if (receiver is not DictionaryValue dictionary)
        {
            return Unsupported.Value;
        }

        var found = a.Count > 0 ? dictionary.IndexOf(a[0]) : -1;
        switch (a.Method.Name)
        {
            case "Add" when dictionary.IsSet:
                return dictionary.TryAdd(a[0], null);
            case "Add":
                return dictionary.TryAdd(a[0], a[1])
                    ? null
                    : throw new ExtractionException(ExtractionDiagnostics.LibraryCallThrows, a.Call, a.Method.ToDisplayString(), $"an item with the key '{Numeric.Format(a[0])}' has already been added");
            case "TryAdd":
                return dictionary.TryAdd(a[0], a[1]);
            case "ContainsKey" or "Contains":
                return found >= 0;
            case "ContainsValue":
                return dictionary.Entries.Any(e => Operators.AreEqual(e.Value, a[0]) == true);
            case "Remove" when a.Count == 1:
                if (found >= 0)
                {
                    dictionary.Entries.RemoveAt(found);
                }

                return found >= 0;
            case "Clear":
                dictionary.Entries.Clear();
                return null;
            case "TryGetValue":
                return new OutResult(found >= 0, [found >= 0 ? dictionary.Entries[found].Value : Construction.DefaultOf(a.Method.Parameters[1].Type)]);
            case "GetValueOrDefault" when found < 0:
                return a.Count > 1 ? a[1] : Construction.DefaultOf(a.Method.ReturnType);
            case "GetValueOrDefault":
                return dictionary.Entries[found].Value;
            default:
                return Unsupported.Value;
        }
    }

    private static object? ListCall(Arguments a, object? receiver)
    {
        if (receiver is not ListValue list)
        {
            return Unsupported.Value;
        }

        switch (a.Method.Name)
        {
            case "Add":
                list.Items.Add(a[0]);
                return null;
            case "AddRange" when a[0] is ListValue items:
                list.Items.AddRange(items.Items);
                return null;
            case "Insert":
                list.Items.Insert(checked((int)Numeric.ToInt64(a[0]!)), a[1]);
                return null;
            case "Clear":
                list.Items.Clear();
                return null;
            case "ToArray":
                return new ListValue(list.Items);
            case "Contains":
                return list.Items.Any(i => Operators.AreEqual(i, a[0]) ?? throw Evaluator.NotCompileTime(a.Call, a[0]));
            default:
                return Unsupported.Value;
        }
    }

    /// <summary>Marks "no model of this call" apart from a null result.</summary>
    private sealed class Unsupported
    {
        public static readonly Unsupported Value = new();
    }
}

using Ghn.Extraction.Modules;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>Indexing, counting and enumerating arrays, lists, strings, tuples and TorchSharp containers.</summary>
internal static class Collections
{
    public static IEnumerable<object?> Enumerate(object? value, IOperation at) => value switch
    {
        ListValue list => [.. list.Items],
        DictionaryValue { IsSet: true } set => [.. set.Entries.Select(e => e.Key)],
        DictionaryValue dictionary => [.. dictionary.Entries.Select(e => (object?)new TupleValue([e.Key, e.Value]))],
        ContainerModule { Kind: ContainerKind.ModuleDict } dict => [.. dict.Components.Select(c => (object?)new TupleValue([c.Name, c.Module]))],
        ContainerModule container => [.. container.Components.Select(c => (object?)c.Module)],
        string text => text.Select(c => (object?)c),
        null => throw new ExtractionException(ExtractionDiagnostics.NullValue, at, $"'{at.Syntax}'"),
        _ => throw Evaluator.NotCompileTime(at, value),
    };

    public static object? Index(object? collection, object? index, IOperation at)
    {
        switch (collection)
        {
            case ContainerModule { Kind: ContainerKind.ModuleDict } dict when index is string key:
                return dict.Components.FirstOrDefault(c => c.Name == key).Module
                    ?? throw new ExtractionException(ExtractionDiagnostics.MissingKey, at, key);
            case ContainerModule container:
                return container.Components[Position(index, container.Components.Count, at)].Module;
            case ListValue list:
                return list.Items[Position(index, list.Items.Count, at)];
            case DictionaryValue dictionary:
                var found = dictionary.IndexOf(index);
                return found >= 0 ? dictionary.Entries[found].Value : throw new ExtractionException(ExtractionDiagnostics.MissingKey, at, Numeric.Format(index));
            case string text:
                return text[Position(index, text.Length, at)];
            case SymbolicShape shape when Numeric.IsInteger(index):
                return new SymbolicSize(shape.Node, checked((int)Numeric.ToInt64(index!)));
            case null:
                throw new ExtractionException(ExtractionDiagnostics.NullValue, at, $"'{at.Syntax}'");
            default:
                throw Evaluator.NotCompileTime(at, collection);
        }
    }

    public static void SetIndex(object? collection, object? index, object? value, IOperation at)
    {
        switch (collection)
        {
            case ListValue list:
                list.Items[Position(index, list.Items.Count, at)] = value;
                break;
            case DictionaryValue dictionary:
                dictionary.Set(index, value);
                break;
            case ModelTensor:
                // pe[.., 0..^1] = ... in a constructor changes values, not the shape.
                break;
            case null:
                throw new ExtractionException(ExtractionDiagnostics.NullValue, at, $"'{at.Syntax}'");
            default:
                throw Evaluator.Unsupported(at);
        }
    }

    public static int Count(object? collection, IOperation at) => collection switch
    {
        ListValue list => list.Items.Count,
        DictionaryValue dictionary => dictionary.Entries.Count,
        ContainerModule container => container.Components.Count,
        string text => text.Length,
        null => throw new ExtractionException(ExtractionDiagnostics.NullValue, at, $"'{at.Syntax}'"),
        _ => throw Evaluator.NotCompileTime(at, collection),
    };

    /// <summary>Properties of library and TorchSharp types: Length, Count, indexers, tensor shape.</summary>
    public static object? Property(ExtractionContext context, IPropertyReferenceOperation operation, object? instance, object?[] indices)
    {
        var property = operation.Property;
        if (property.IsIndexer && instance is SymbolicTensor indexed)
        {
            return context.Forward!.Tensors.Index(indexed, TensorIndices(indices), operation);
        }

        if (property.IsIndexer && instance is ModelTensor constant)
        {
            return ConstructorTensors.Index(constant, TensorIndices(indices));
        }

        if (property.IsIndexer && indices.Length == 1)
        {
            return Index(instance, indices[0], operation);
        }

        return property.Name switch
        {
            "Length" or "Count" when instance is ListValue or DictionaryValue or ContainerModule or string => Count(instance, operation),
            "Keys" when instance is DictionaryValue dictionary => new ListValue(dictionary.Entries.Select(e => e.Key)),
            "Values" when instance is DictionaryValue dictionary => new ListValue(dictionary.Entries.Select(e => e.Value)),
            "shape" when instance is SymbolicTensor tensor => context.Forward!.Tensors.Shape(tensor),
            "ndim" or "Dimensions" when instance is SymbolicTensor tensor => context.Forward!.Tensors.Rank(tensor, operation),
            "training" when instance is ModuleInstance && context.Forward is not null => TrainingMode.Instance,
            "dtype" or "Handle" when instance is SymbolicTensor => TensorRunTimeProperty.Instance,
            _ when instance is LayerModule layer && context.Forward is { } trace && context.Torch.IsTensor(property.Type) && ModuleTree.Tensor(layer, property.Name) is not null
                => trace.Modules.ReadLayerTensor(layer, property.Name, operation),
            _ when instance is LayerModule layer && context.Forward is null && context.Torch.IsTensor(property.Type) => ModuleTree.Tensor(layer, property.Name),
            "IsInvalid" when instance is ParameterValue => false,
            "device" => PlacementValue.Instance,
            "requires_grad" when instance is ParameterValue => true,
            "shape" when instance is ParameterValue parameter => new ListValue(ModuleTree.Shape(parameter).Select(d => (object?)(long)d)),
            "HasValue" when LibraryTypes.IsNullable(property.ContainingType) => instance is not null,
            "Value" when LibraryTypes.IsNullable(property.ContainingType) =>
                instance ?? throw new ExtractionException(ExtractionDiagnostics.NullValue, operation.Instance, $"'{operation.Instance!.Syntax}'"),
            "Key" or "Item1" when instance is TupleValue { Items.Count: 2 } pair => pair.Items[0],
            "Value" or "Item2" when instance is TupleValue { Items.Count: 2 } pair => pair.Items[1],
            _ when context.TorchCalls.IsTorchSharp(property) => throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, operation, property.ToDisplayString()),
            _ => throw new ExtractionException(ExtractionDiagnostics.UnsupportedLibraryCall, operation, property.ToDisplayString()),
        };
    }

    /// <summary>The positions of a tensor indexer: its arguments, or the one params array of them.</summary>
    private static IReadOnlyList<object?> TensorIndices(object?[] indices) =>
        indices is [ListValue list] ? list.Items : [.. indices.Select(i => Numeric.IsInteger(i) ? IndexValue.Single(Numeric.ToInt64(i!)) : i)];

    private static int Position(object? index, int count, IOperation at)
    {
        if (index is FromEnd end)
        {
            index = count - end.Offset;
        }

        if (!Numeric.IsInteger(index))
        {
            throw Evaluator.NotCompileTime(at, index);
        }

        var position = Numeric.ToInt64(index!);
        return position >= 0 && position < count
            ? (int)position
            : throw new ExtractionException(ExtractionDiagnostics.IndexOutOfRange, at, position, count);
    }
}

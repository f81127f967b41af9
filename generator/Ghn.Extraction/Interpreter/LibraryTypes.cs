using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Interpreter;

/// <summary>Recognises the .NET library types the evaluator models, by namespace and metadata name (no string formatting on the hot path).</summary>
internal static class LibraryTypes
{
    public static bool IsList(ITypeSymbol? type) => Is(type, "List`1", "System", "Collections", "Generic");

    public static bool IsEnumerable(ITypeSymbol? type) => Is(type, "Enumerable", "System", "Linq");

    /// <summary><c>Dictionary&lt;K, V&gt;</c> or the interfaces model code reads one through.</summary>
    public static bool IsDictionary(ITypeSymbol? type) =>
        Is(type, "Dictionary`2", "System", "Collections", "Generic") || Is(type, "IDictionary`2", "System", "Collections", "Generic")
        || Is(type, "IReadOnlyDictionary`2", "System", "Collections", "Generic");

    /// <summary><c>HashSet&lt;T&gt;</c> or <c>ISet&lt;T&gt;</c>.</summary>
    public static bool IsSet(ITypeSymbol? type) =>
        Is(type, "HashSet`1", "System", "Collections", "Generic") || Is(type, "ISet`1", "System", "Collections", "Generic");

    /// <summary><c>System.Index</c>, the type of <c>^n</c> and of range bounds.</summary>
    public static bool IsIndex(ITypeSymbol? type) => Is(type, "Index", "System");

    public static bool IsNullable(ITypeSymbol? type) => type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

    /// <summary><c>ValueTuple</c> and <c>Tuple</c> (their <c>Create</c> methods, and <c>new Tuple&lt;int, int&gt;(...)</c>): values as tuples.</summary>
    public static bool IsTuple(ITypeSymbol? type) =>
        type is { Name: "Tuple" or "ValueTuple", ContainingType: null } && type.ContainingNamespace?.ToDisplayString() == "System";

    /// <summary>
    /// Console output, debug and trace output, assertions and contracts: they observe a model, never build it, so
    /// their calls are skipped without evaluating their arguments.
    /// </summary>
    public static bool IsWithoutEffectOnTheModel(IMethodSymbol method) =>
        method.ContainingType is { } type
        && ((Is(type, "Console", "System") && method.Name.StartsWith("Write", StringComparison.Ordinal))
            || Is(type, "Debug", "System", "Diagnostics")
            || Is(type, "Trace", "System", "Diagnostics")
            || Is(type, "Contract", "System", "Diagnostics", "Contracts"));

    private static bool Is(ITypeSymbol? type, string metadataName, params string[] @namespace)
    {
        if (type is null || type.MetadataName != metadataName || type.ContainingType is not null)
        {
            return false;
        }

        var current = type.ContainingNamespace;
        for (var i = @namespace.Length - 1; i >= 0; i--)
        {
            if (current is null || current.Name != @namespace[i])
            {
                return false;
            }

            current = current.ContainingNamespace;
        }

        return current is { IsGlobalNamespace: true };
    }
}

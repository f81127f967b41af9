using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Values;

/// <summary>An instance of a user class or struct that is not a module (a config object, a helper).</summary>
internal sealed class ObjectInstance(INamedTypeSymbol type) : IObjectState
{
    public INamedTypeSymbol Type { get; } = type;

    public Dictionary<ISymbol, object?> Fields { get; } = new(SymbolEqualityComparer.Default);
}

using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Values;

/// <summary>An instance of a user class or struct that is not a module (a config object, a helper).</summary>
internal sealed class ObjectInstance(INamedTypeSymbol type) : IObjectState
{
    public INamedTypeSymbol Type { get; } = type;

    public Dictionary<ISymbol, object?> Fields { get; } = new(SymbolEqualityComparer.Default);

    /// <summary><c>MemberwiseClone()</c>: a new instance with the same field values.</summary>
    public ObjectInstance ShallowCopy()
    {
        var copy = new ObjectInstance(Type);
        foreach (var field in Fields)
        {
            copy.Fields[field.Key] = field.Value;
        }

        return copy;
    }
}

using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Values;

/// <summary>An instance of a user class: its runtime type and the values of its fields.</summary>
internal interface IObjectState
{
    INamedTypeSymbol Type { get; }

    /// <summary>Field values, and the values of primary-constructor parameters captured by members.</summary>
    Dictionary<ISymbol, object?> Fields { get; }
}

using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Model;

/// <summary>
/// Picks the constructor the model is extracted with: the one that accepts the [GhnInit] arguments, the
/// remaining parameters taking their declared defaults.
/// </summary>
internal static class ConstructorSelection
{
    public static (IMethodSymbol Constructor, object?[] Arguments) Select(INamedTypeSymbol type, IReadOnlyList<object?> values, Location? location)
    {
        var candidates = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility != Accessibility.Private && Accepts(c, values))
            .ToList();
        var describe = string.Join(", ", values.Select(Numeric.Format));
        if (candidates.Count == 0)
        {
            throw new ExtractionException(ExtractionDiagnostics.NoMatchingConstructor, location ?? type.Locations.FirstOrDefault(), type.Name, describe);
        }

        // As C# overload resolution does for omitted optional arguments: prefer the fewest defaults used.
        var best = candidates.Where(c => c.Parameters.Length == candidates.Min(k => k.Parameters.Length)).ToList();
        if (best.Count > 1)
        {
            throw new ExtractionException(ExtractionDiagnostics.AmbiguousConstructor, location ?? type.Locations.FirstOrDefault(), type.Name, describe);
        }

        var constructor = best[0];
        var arguments = constructor.Parameters
            .Select((p, i) => i < values.Count ? Conversions.To(values[i], p.Type) : Conversions.To(p.ExplicitDefaultValue, p.Type))
            .ToArray();
        return (constructor, arguments);
    }

    private static bool Accepts(IMethodSymbol constructor, IReadOnlyList<object?> values)
    {
        var parameters = constructor.Parameters;
        if (values.Count > parameters.Length || parameters.Skip(values.Count).Any(p => !p.HasExplicitDefaultValue))
        {
            return false;
        }

        return values.Select((v, i) => Fits(v, parameters[i].Type)).All(f => f);
    }

    private static bool Fits(object? value, ITypeSymbol type)
    {
        var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : type;
        return value switch
        {
            null => !type.IsValueType || !ReferenceEquals(underlying, type),
            EnumValue e => SymbolEqualityComparer.Default.Equals(e.Type, underlying),
            bool => underlying.SpecialType == SpecialType.System_Boolean,
            string => underlying.SpecialType == SpecialType.System_String,
            double or float => underlying.SpecialType is SpecialType.System_Double or SpecialType.System_Single,
            _ when Numeric.IsInteger(value) => underlying.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double,
            ListValue => underlying is IArrayTypeSymbol,
            _ => false,
        };
    }
}

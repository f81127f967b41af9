using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Values;

/// <summary>C# conversions of evaluated values to a target type (numeric, enum, nullable, tuple; references unchanged).</summary>
internal static class Conversions
{
    public static object? To(object? value, ITypeSymbol? type)
    {
        if (type is null || value is null)
        {
            return value;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return To(value, nullable.TypeArguments[0]);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return value is EnumValue e && SymbolEqualityComparer.Default.Equals(e.Type, type)
                ? e
                : new EnumValue(type, value is EnumValue other ? other.Value : Numeric.ToInt64(value));
        }

        if (type.IsTupleType && value is TupleValue tuple && type is INamedTypeSymbol tupleType)
        {
            var elements = tupleType.TupleElements;
            return elements.Length == tuple.Items.Count
                ? new TupleValue([.. tuple.Items.Select((item, i) => To(item, elements[i].Type))])
                : value;
        }

        var number = value is EnumValue en ? en.Value : value;
        return Numeric.IsNumber(number) ? ToSpecialType(number!, type.SpecialType) : value;
    }

    /// <summary>Unchecked numeric conversion, as C# performs it by default.</summary>
    private static object ToSpecialType(object n, SpecialType target)
    {
        var isFloating = n is double or float or decimal;
        unchecked
        {
            return target switch
            {
                SpecialType.System_Int32 => isFloating ? (int)Numeric.ToDouble(n) : (int)Numeric.ToInt64(n),
                SpecialType.System_Int64 => isFloating ? (long)Numeric.ToDouble(n) : Numeric.ToInt64(n),
                SpecialType.System_Int16 => (short)Numeric.ToInt64(n),
                SpecialType.System_Byte => (byte)Numeric.ToInt64(n),
                SpecialType.System_SByte => (sbyte)Numeric.ToInt64(n),
                SpecialType.System_UInt16 => (ushort)Numeric.ToInt64(n),
                SpecialType.System_UInt32 => (uint)Numeric.ToInt64(n),
                SpecialType.System_UInt64 => (ulong)Numeric.ToInt64(n),
                SpecialType.System_Char => (char)Numeric.ToInt64(n),
                SpecialType.System_Double => Numeric.ToDouble(n),
                SpecialType.System_Single => (float)Numeric.ToDouble(n),
                SpecialType.System_Decimal => Convert.ToDecimal(n, System.Globalization.CultureInfo.InvariantCulture),
                _ => n,
            };
        }
    }
}

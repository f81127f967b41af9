using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>C# pattern matching (<c>is</c>, <c>switch</c>) over evaluated values.</summary>
internal sealed class Patterns(ExtractionContext context)
{
    public bool Matches(IPatternOperation pattern, object? value, Frame frame)
    {
        if (value is UnknownValue)
        {
            throw new UnknownReachedException();
        }

        switch (pattern)
        {
            case IConstantPatternOperation constant:
                return Operators.AreEqual(value, context.Evaluator.Evaluate(constant.Value, frame)) ?? throw Evaluator.NotCompileTime(pattern, value);
            case IDiscardPatternOperation:
                return true;
            case INegatedPatternOperation negated:
                return !Matches(negated.Pattern, value, frame);
            case IBinaryPatternOperation binary:
                return binary.OperatorKind == BinaryOperatorKind.Or
                    ? Matches(binary.LeftPattern, value, frame) || Matches(binary.RightPattern, value, frame)
                    : Matches(binary.LeftPattern, value, frame) && Matches(binary.RightPattern, value, frame);
            case ITypePatternOperation type:
                return IsOfType(value, type.MatchedType);
            case IDeclarationPatternOperation declaration:
                if (declaration.MatchesNull ? false : !IsOfType(value, declaration.MatchedType ?? declaration.InputType))
                {
                    return false;
                }

                if (declaration.DeclaredSymbol is { } symbol)
                {
                    frame.Declare(symbol, value);
                }

                return true;
            case IRelationalPatternOperation relational:
                var bound = context.Evaluator.Evaluate(relational.Value, frame);
                return Operators.TryBinary(relational.OperatorKind, value, bound, null, out var result)
                    ? result is true
                    : value is null ? false : throw Evaluator.NotCompileTime(relational, value);
            default:
                throw Evaluator.Unsupported(pattern);
        }
    }

    /// <summary>Whether a value's runtime type is <paramref name="type"/> or derives from it.</summary>
    public bool IsOfType(object? value, ITypeSymbol? type)
    {
        if (value is null || type is null)
        {
            return false;
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return value switch
        {
            ModuleInstance module => Derives(module.RuntimeType, type),
            IObjectState state => Derives(state.Type, type),
            EnumValue e => SymbolEqualityComparer.Default.Equals(e.Type, type),
            SymbolicTensor => context.Torch.IsTensor(type),
            ListValue => type is IArrayTypeSymbol || type.TypeKind == TypeKind.Interface || LibraryTypes.IsList(type),
            TupleValue => type.IsTupleType,
            _ => type.SpecialType == SpecialTypeOf(value),
        };
    }

    private static bool Derives(ITypeSymbol? actual, ITypeSymbol type)
    {
        for (var current = actual; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, type) || SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, type.OriginalDefinition))
            {
                return true;
            }
        }

        return actual?.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, type)) == true;
    }

    private static SpecialType SpecialTypeOf(object value) => value switch
    {
        int => SpecialType.System_Int32,
        long => SpecialType.System_Int64,
        double => SpecialType.System_Double,
        float => SpecialType.System_Single,
        bool => SpecialType.System_Boolean,
        string => SpecialType.System_String,
        char => SpecialType.System_Char,
        short => SpecialType.System_Int16,
        byte => SpecialType.System_Byte,
        _ => SpecialType.None,
    };
}

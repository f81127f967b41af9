using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Values;

/// <summary>
/// C#'s built-in binary and unary operators on evaluated values. Roslyn has already inserted the implicit
/// conversions, so both operands have the operator's type; integers are computed in 64 bits and wrapped to
/// the result type, which reproduces C#'s unchecked arithmetic.
/// </summary>
internal static class Operators
{
    /// <summary>Applies <paramref name="kind"/>; false when the operator does not apply to the values or its result is not known at compile time.</summary>
    public static bool TryBinary(BinaryOperatorKind kind, object? left, object? right, ITypeSymbol? resultType, out object? result)
    {
        result = kind switch
        {
            BinaryOperatorKind.Equals => AreEqual(left, right),
            BinaryOperatorKind.NotEquals => !AreEqual(left, right),
            _ => null,
        };
        if (result is not null)
        {
            return true;
        }

        if (kind == BinaryOperatorKind.Add && (left is string || right is string))
        {
            result = Numeric.Format(left) + Numeric.Format(right);
            return true;
        }

        if (left is bool a && right is bool b)
        {
            result = Logical(kind, a, b);
            return result is not null;
        }

        if (left is EnumValue le && right is EnumValue re)
        {
            var integer = Integer(kind, le.Value, re.Value);
            result = integer is long l ? new EnumValue(le.Type, l) : integer;
            return result is not null;
        }

        if (!Numeric.IsNumber(left) || !Numeric.IsNumber(right))
        {
            return false;
        }

        result = left is double or float or decimal || right is double or float or decimal
            ? Floating(kind, Numeric.ToDouble(left!), Numeric.ToDouble(right!))
            : Integer(kind, Numeric.ToInt64(left!), Numeric.ToInt64(right!), resultType);
        if (result is null)
        {
            return false;
        }

        result = result is bool ? result : Conversions.To(result, resultType);
        return true;
    }

    public static bool TryUnary(UnaryOperatorKind kind, object? operand, ITypeSymbol? resultType, out object? result)
    {
        result = (kind, operand) switch
        {
            (UnaryOperatorKind.Not, bool b) => !b,
            (UnaryOperatorKind.Plus, _) when Numeric.IsNumber(operand) => operand,
            (UnaryOperatorKind.Minus, double d) => -d,
            (UnaryOperatorKind.Minus, float f) => -f,
            (UnaryOperatorKind.Minus, _) when Numeric.IsInteger(operand) => Conversions.To(unchecked(-Numeric.ToInt64(operand!)), resultType),
            (UnaryOperatorKind.BitwiseNegation, _) when Numeric.IsInteger(operand) => Conversions.To(~Numeric.ToInt64(operand!), resultType),
            _ => null,
        };
        return result is not null;
    }

    /// <summary>
    /// C#'s <c>==</c> on evaluated values; null when it depends on a value known only at run time (a size of the
    /// input, the training flag), so that no comparison of such a value ever picks a side.
    /// </summary>
    public static bool? AreEqual(object? left, object? right) =>
        left is TupleValue x && right is TupleValue y ? TuplesEqual(x, y)
        : IsRunTimeValue(left) || IsRunTimeValue(right) ? (left is null || right is null ? false : null)
        : (Numeric.IsNumber(left) && Numeric.IsNumber(right))
            ? (left is double or float || right is double or float
                ? Numeric.ToDouble(left!) == Numeric.ToDouble(right!)
                : Numeric.ToInt64(left!) == Numeric.ToInt64(right!))
            : left is string or bool or EnumValue ? Equals(left, right) : ReferenceEquals(left, right);

    /// <summary>A value of the traced forward pass that only the run can tell.</summary>
    public static bool IsRunTimeValue(object? value) => value is SymbolicSize or SymbolicShape or TrainingMode or TensorRunTimeProperty;

    private static object? Logical(BinaryOperatorKind kind, bool a, bool b) => kind switch
    {
        BinaryOperatorKind.And or BinaryOperatorKind.ConditionalAnd => a && b,
        BinaryOperatorKind.Or or BinaryOperatorKind.ConditionalOr => a || b,
        BinaryOperatorKind.ExclusiveOr => a ^ b,
        _ => null,
    };

    private static object? Floating(BinaryOperatorKind kind, double a, double b) => kind switch
    {
        BinaryOperatorKind.Add => a + b,
        BinaryOperatorKind.Subtract => a - b,
        BinaryOperatorKind.Multiply => a * b,
        BinaryOperatorKind.Divide => a / b,
        BinaryOperatorKind.Remainder => a % b,
        _ => Compare(kind, a.CompareTo(b)),
    };

    private static object? Integer(BinaryOperatorKind kind, long a, long b, ITypeSymbol? resultType = null)
    {
        var bits = resultType?.SpecialType is SpecialType.System_Int64 or SpecialType.System_UInt64 ? 63 : 31;
        unchecked
        {
            return kind switch
            {
                BinaryOperatorKind.Add => a + b,
                BinaryOperatorKind.Subtract => a - b,
                BinaryOperatorKind.Multiply => a * b,
                BinaryOperatorKind.Divide => b == 0 ? throw new DivideByZeroException() : a / b,
                BinaryOperatorKind.Remainder => b == 0 ? throw new DivideByZeroException() : a % b,
                BinaryOperatorKind.And => a & b,
                BinaryOperatorKind.Or => a | b,
                BinaryOperatorKind.ExclusiveOr => a ^ b,
                BinaryOperatorKind.LeftShift => bits == 31 ? (long)((int)a << (int)(b & bits)) : a << (int)(b & bits),
                BinaryOperatorKind.RightShift => a >> (int)(b & bits),
                _ => Compare(kind, a.CompareTo(b)),
            };
        }
    }

    private static object? Compare(BinaryOperatorKind kind, int order) => kind switch
    {
        BinaryOperatorKind.LessThan => order < 0,
        BinaryOperatorKind.LessThanOrEqual => order <= 0,
        BinaryOperatorKind.GreaterThan => order > 0,
        BinaryOperatorKind.GreaterThanOrEqual => order >= 0,
        _ => null,
    };

    /// <summary>Tuples are equal when their items are, pairwise (C#'s tuple equality); unknown when one pair is.</summary>
    private static bool? TuplesEqual(TupleValue x, TupleValue y)
    {
        if (x.Items.Count != y.Items.Count)
        {
            return false;
        }

        var equal = x.Items.Zip(y.Items, AreEqual).ToList();
        return equal.Contains(false) ? false : equal.Contains(null) ? null : true;
    }
}

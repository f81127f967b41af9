using System.Globalization;
using System.Reflection;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// The pure members of the .NET base class library that model code calls on strings and numbers, run by the BCL
/// itself so that results are exactly .NET's: every public member of the immutable primitive types, <c>string</c>,
/// <c>Math</c>, <c>MathF</c> and <c>Convert</c>, except those that write through <c>ref</c>/<c>out</c>, spans or
/// pointers. Calls run under the invariant culture, so a build gives the same graph on every machine.
/// </summary>
internal static class BclMembers
{
    private static readonly Dictionary<SpecialType, Type> Primitives = new()
    {
        [SpecialType.System_Object] = typeof(object),
        [SpecialType.System_Boolean] = typeof(bool),
        [SpecialType.System_Char] = typeof(char),
        [SpecialType.System_SByte] = typeof(sbyte),
        [SpecialType.System_Byte] = typeof(byte),
        [SpecialType.System_Int16] = typeof(short),
        [SpecialType.System_UInt16] = typeof(ushort),
        [SpecialType.System_Int32] = typeof(int),
        [SpecialType.System_UInt32] = typeof(uint),
        [SpecialType.System_Int64] = typeof(long),
        [SpecialType.System_UInt64] = typeof(ulong),
        [SpecialType.System_Decimal] = typeof(decimal),
        [SpecialType.System_Single] = typeof(float),
        [SpecialType.System_Double] = typeof(double),
        [SpecialType.System_String] = typeof(string),
    };

    /// <summary>The static classes whose every member is a pure function of its arguments.</summary>
    private static readonly string[] PureStaticClasses = ["Math", "MathF", "Convert"];

    /// <summary>Whether <paramref name="method"/> is one of the table's members.</summary>
    public static bool Contains(IMethodSymbol method) =>
        method.ContainingType is { } type
        && (Primitives.ContainsKey(type.SpecialType) && type.SpecialType != SpecialType.System_Object
            || (type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true } && PureStaticClasses.Contains(type.MetadataName)));

    /// <summary>
    /// A <c>static readonly</c> field of a table type (<c>string.Empty</c>, <c>IntPtr.Zero</c>), read as the runtime
    /// holds it; false for other fields.
    /// </summary>
    public static bool TryReadStaticField(IFieldSymbol field, out object? value)
    {
        value = null;
        var type = field.ContainingType;
        var runtimeType = Primitives.TryGetValue(type.SpecialType, out var primitive) ? primitive
            : type.SpecialType switch { SpecialType.System_IntPtr => typeof(IntPtr), SpecialType.System_UIntPtr => typeof(UIntPtr), _ => null };
        if (runtimeType?.GetField(field.Name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static) is not { IsInitOnly: true } member)
        {
            return false;
        }

        value = member.GetValue(null);
        return true;
    }

    /// <summary>Runs a table member on evaluated values; false when its signature cannot be run here.</summary>
    /// <exception cref="ExtractionException">The member throws, as it would when the model is constructed (GHN034).</exception>
    public static bool TryInvoke(IMethodSymbol method, object? receiver, IReadOnlyList<object?> arguments, IOperation at, out object? result)
    {
        result = null;
        var member = Resolve(method);
        if (member is null)
        {
            return false;
        }

        var parameters = member.GetParameters();
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!TryConvert(i < arguments.Count ? arguments[i] : null, parameters[i].ParameterType, out values[i]))
            {
                return false;
            }
        }

        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            result = FromClr(member.Invoke(member.IsStatic ? null : receiver, values));
            return true;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new ExtractionException(ExtractionDiagnostics.LibraryCallThrows, at, method.ToDisplayString(), $"{inner.GetType().Name}: {inner.Message}");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static MethodInfo? Resolve(IMethodSymbol method)
    {
        var type = ClrType(method.ContainingType);
        var parameterTypes = ClrTypes(method.Parameters.Select(p => p.Type));
        if (type is null || parameterTypes is null || method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            return null;
        }

        var flags = BindingFlags.Public | (method.IsStatic ? BindingFlags.Static : BindingFlags.Instance);
        if (!method.IsGenericMethod)
        {
            return type.GetMethod(method.Name, flags, binder: null, parameterTypes, modifiers: null);
        }

        // string.Join<T>(string, IEnumerable<T>) and the like: instantiate with the call's type arguments.
        var typeArguments = ClrTypes(method.TypeArguments);
        return typeArguments is null
            ? null
            : type.GetMethods(flags)
                .Where(m => m.Name == method.Name && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == typeArguments.Length)
                .Select(m => m.MakeGenericMethod(typeArguments))
                .FirstOrDefault(m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameterTypes));
    }

    private static Type[]? ClrTypes(IEnumerable<ITypeSymbol> types)
    {
        var resolved = new List<Type>();
        foreach (var type in types)
        {
            if (ClrType(type) is not { } clr)
            {
                return null;
            }

            resolved.Add(clr);
        }

        return [.. resolved];
    }

    /// <summary>The runtime type of a primitive, of one of the pure static classes, or of an array or sequence of primitives.</summary>
    private static Type? ClrType(ITypeSymbol type)
    {
        if (Primitives.TryGetValue(type.SpecialType, out var primitive))
        {
            return primitive;
        }

        switch (type)
        {
            case IArrayTypeSymbol { Rank: 1, ElementType: var element } when ClrType(element) is { } elementType:
                return elementType.MakeArrayType();
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T, TypeArguments: [var item] }
                when ClrType(item) is { } itemType:
                return typeof(IEnumerable<>).MakeGenericType(itemType);
            case INamedTypeSymbol { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true }, ContainingType: null } named
                when PureStaticClasses.Contains(named.MetadataName) || named.TypeKind == TypeKind.Enum:
                // The static classes, and the option enums their members take (StringComparison, MidpointRounding).
                return Type.GetType("System." + named.MetadataName);
            default:
                return null;
        }
    }

    private static bool TryConvert(object? value, Type type, out object? converted)
    {
        converted = value;
        switch (value)
        {
            case null:
                return !type.IsValueType;
            case ListValue list:
                var element = type.IsArray ? type.GetElementType()! : type.IsGenericType ? type.GetGenericArguments()[0] : null;
                if (element is null)
                {
                    return false;
                }

                var array = Array.CreateInstance(element, list.Items.Count);
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (!TryConvert(list.Items[i], element, out var item))
                    {
                        return false;
                    }

                    array.SetValue(item, i);
                }

                converted = array;
                return true;
            case EnumValue option:
                if (!type.IsEnum)
                {
                    return false;
                }

                converted = Enum.ToObject(type, option.Value);
                return true;
            default:
                if (type.IsInstanceOfType(value))
                {
                    return true;
                }

                if (!Numeric.IsNumber(value) || !type.IsPrimitive && type != typeof(decimal))
                {
                    return false;
                }

                converted = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
                return true;
        }
    }

    private static object? FromClr(object? value) =>
        value is Array array ? new ListValue(array.Cast<object?>()) : value;
}

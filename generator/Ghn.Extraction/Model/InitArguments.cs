using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Model;

/// <summary>The constructor arguments of <c>[GhnInit(...)]</c> as evaluated values.</summary>
internal static class InitArguments
{
    public const string AttributeName = "Ghn.GhnInitAttribute";

    /// <summary>The attribute's arguments (empty without arguments or without the attribute), its input shape, and its location.</summary>
    public static (IReadOnlyList<object?> Values, IReadOnlyList<int>? InputShape, Location? Location) Read(INamedTypeSymbol modelType)
    {
        var attribute = modelType.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeName);
        if (attribute is null)
        {
            return ([], null, null);
        }

        var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();
        if (attribute.AttributeClass!.TypeKind == TypeKind.Error || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error))
        {
            throw new CompilationErrorException();
        }

        // GhnInit(params object[] constructorArguments): the arguments arrive as one array.
        var arguments = attribute.ConstructorArguments is [{ Kind: TypedConstantKind.Array } array]
            ? array.Values
            : attribute.ConstructorArguments;
        return ([.. arguments.Select((a, i) => ToValue(a, i, location))], InputShape(attribute, location), location);
    }

    /// <summary>The <c>InputShape</c> named argument: positive sizes of one sample, without the batch dimension.</summary>
    private static IReadOnlyList<int>? InputShape(AttributeData attribute, Location? location)
    {
        var shape = attribute.NamedArguments.FirstOrDefault(n => n.Key == "InputShape").Value;
        if (shape.Kind != TypedConstantKind.Array || shape.IsNull)
        {
            return null;
        }

        var sizes = shape.Values.Select(v => v.Value is int size ? size : 0).ToArray();
        // -1 marks where the batch is (a sequence-first [S, -1]); without it the batch comes first.
        return sizes.Length > 0 && sizes.All(s => s > 0 || s == -1) && sizes.Count(s => s == -1) <= 1
            ? sizes
            : throw new ExtractionException(ExtractionDiagnostics.InvalidInputShape, location, string.Join(", ", sizes));
    }

    private static object? ToValue(TypedConstant constant, int index, Location? location) => constant.Kind switch
    {
        TypedConstantKind.Primitive => constant.Value,
        TypedConstantKind.Enum => new EnumValue(constant.Type!, Numeric.ToInt64(constant.Value!)),
        TypedConstantKind.Array when !constant.IsNull => new ListValue(constant.Values.Select((v, i) => ToValue(v, index, location))),
        _ when constant.IsNull => null,
        _ => throw new ExtractionException(ExtractionDiagnostics.UnsupportedInitArgument, location, index + 1),
    };
}

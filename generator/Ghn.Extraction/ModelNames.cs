using Microsoft.CodeAnalysis;

namespace Ghn.Extraction;

/// <summary>
/// How a [GhnInit] model is named outside the compiler. The generator and the build tool must agree on it, because the
/// tool embeds a model's predicted weights under a resource name the generated code asks for.
/// </summary>
public static class ModelNames
{
    /// <summary>The name <see cref="System.Type.FullName"/> gives the type at run time: nested types joined by <c>+</c>.</summary>
    public static string ClrFullName(INamedTypeSymbol type)
    {
        var name = type.Name;
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            name = containing.Name + "+" + name;
        }

        for (var ns = type.ContainingNamespace; !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            // Names as metadata spells them: a namespace written @checked is "checked".
            name = ns.Name + "." + name;
        }

        return name;
    }
}

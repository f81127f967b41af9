using System.Collections.Immutable;
using System.Globalization;
using Ghn.Extraction;
using Ghn.Generator.Common;
using Ghn.Generator.Diagnostics;
using Ghn.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ghn.Generator;

public sealed partial class GhnInitGenerator
{
    private const string ModuleMetadataName = "TorchSharp.torch+nn+Module`";
    private const string TensorMetadataName = "TorchSharp.torch+Tensor";

    /// <summary>A namespace as C# source writes it: dotted, keywords escaped, no <c>global::</c>.</summary>
    private static readonly SymbolDisplayFormat NamespaceFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>
    /// Checks that the attributed class can receive the generated members, extracts its architecture and
    /// reduces both to equatable data. Misuse yields diagnostics and no model; a failed extraction still yields
    /// a model (its members then throw with the extractor's explanation) so the user's code keeps compiling.
    /// </summary>
    private static ModelGenerationResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var compilation = context.SemanticModel.Compilation;

        var misuse = FindMisuse(type, declaration, compilation);
        if (misuse.Count > 0)
        {
            return new ModelGenerationResult(null, misuse.ToImmutableArray(), ImmutableArray<Diagnostic>.Empty);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var extraction = ModelExtractor.Extract(type, compilation, cancellationToken);

        var model = new ModelSpec(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(NamespaceFormat),
            ContainingTypes(type).Select(DescribeContainingType).ToEquatableArray(),
            EscapeIdentifier(type.Name),
            type.ToDisplayString(),
            ModelNames.ClrFullName(type),
            extraction.Graph,
            extraction.Graph is null
                ? extraction.Diagnostics
                    .Where(d => d.Severity != DiagnosticSeverity.Hidden)
                    .Select(FailureReason)
                    .ToEquatableArray()
                : EquatableArray<string>.Empty);
        return new ModelGenerationResult(model, ImmutableArray<Diagnostic>.Empty, extraction.Diagnostics);
    }

    /// <summary>A diagnostic as <c>GHN012 Model.cs: message</c>: its file but not its line, so moving the model re-emits nothing.</summary>
    private static string FailureReason(Diagnostic diagnostic)
    {
        var file = diagnostic.Location.IsInSource ? " " + Path.GetFileName(diagnostic.Location.SourceTree!.FilePath) : "";
        return $"{diagnostic.Id}{file}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static List<Diagnostic> FindMisuse(INamedTypeSymbol type, TypeDeclarationSyntax declaration, Compilation compilation)
    {
        var location = declaration.Identifier.GetLocation();
        var name = type.ToDisplayString();
        var misuse = new List<Diagnostic>();

        if (type.IsStatic)
        {
            // A static class cannot derive from Module, so "not a module" would point at the wrong fix.
            misuse.Add(Diagnostic.Create(DiagnosticDescriptors.ModelStatic, location, name));
        }
        else if (!IsTensorModule(type, compilation))
        {
            misuse.Add(Diagnostic.Create(Extraction.ExtractionDiagnostics.NotAModule, location, name));
        }

        if (type.IsAbstract && !type.IsStatic)
        {
            misuse.Add(Diagnostic.Create(DiagnosticDescriptors.ModelAbstract, location, name));
        }

        if (type.IsGenericType)
        {
            misuse.Add(Diagnostic.Create(DiagnosticDescriptors.ModelGeneric, location, name));
        }

        if (type.IsFileLocal)
        {
            misuse.Add(Diagnostic.Create(DiagnosticDescriptors.ModelFileLocal, location, name));
        }

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            misuse.Add(Diagnostic.Create(DiagnosticDescriptors.ModelNotPartial, location, name, type.Name));
        }

        foreach (var containing in declaration.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            if (!containing.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                misuse.Add(Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotPartial, location, name, containing.Identifier.ValueText));
            }
        }

        foreach (var member in new[] { ArchitecturePropertyName, ApplyMethodName })
        {
            if (!type.GetMembers(member).IsEmpty)
            {
                misuse.Add(Diagnostic.Create(DiagnosticDescriptors.MemberNameConflict, location, name, member));
            }
        }

        return misuse;
    }

    /// <summary>
    /// Whether <paramref name="type"/> derives from TorchSharp's <c>torch.nn.Module&lt;Tensor, ..., TResult&gt;</c>:
    /// tensors in (one, or several as <c>forward(input, offsets)</c>), a tensor or a tuple of them out.
    /// </summary>
    private static bool IsTensorModule(INamedTypeSymbol type, Compilation compilation)
    {
        var tensor = compilation.GetTypeByMetadataName(TensorMetadataName);
        var modules = Enumerable.Range(2, 6).Select(arity => compilation.GetTypeByMetadataName(ModuleMetadataName + arity)).Where(m => m is not null).ToList();
        if (tensor is null || modules.Count == 0)
        {
            return false;
        }

        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (modules.Any(m => SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, m)))
            {
                return baseType.TypeArguments.Take(baseType.TypeArguments.Length - 1).All(argument => SymbolEqualityComparer.Default.Equals(argument, tensor));
            }
        }

        return false;
    }

    /// <summary>The enclosing types, outermost first.</summary>
    private static IEnumerable<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = ImmutableStack<INamedTypeSymbol>.Empty;
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            chain = chain.Push(containing);
        }

        return chain;
    }

    private static ContainingTypeSpec DescribeContainingType(INamedTypeSymbol type)
    {
        var keyword = (type.IsRecord, type.TypeKind) switch
        {
            (true, TypeKind.Struct) => "record struct",
            (true, _) => "record",
            (false, TypeKind.Struct) => "struct",
            (false, TypeKind.Interface) => "interface",
            _ => "class",
        };
        return new ContainingTypeSpec(keyword, type.IsRefLikeType ? "ref " : "", EscapeIdentifier(type.Name));
    }

    private static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
}

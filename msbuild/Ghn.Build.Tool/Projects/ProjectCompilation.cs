using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Ghn.Build.Tool.Projects;

/// <summary>Builds the Roslyn compilation of a project from its <see cref="ProjectInputs"/> and finds its [GhnInit] models.</summary>
internal static class ProjectCompilation
{
    private const string GhnInitAttributeName = "Ghn.GhnInitAttribute";

    public static CSharpCompilation Create(ProjectInputs inputs, CancellationToken cancellationToken)
    {
        var languageVersion = LanguageVersion.Default;
        if (inputs.LanguageVersion.Length > 0 && !LanguageVersionFacts.TryParse(inputs.LanguageVersion, out languageVersion))
        {
            languageVersion = LanguageVersion.Latest;
        }

        var parseOptions = new CSharpParseOptions(languageVersion, preprocessorSymbols: inputs.PreprocessorSymbols);
        var trees = inputs.Sources.Select(path =>
        {
            using var stream = File.OpenRead(path);
            return CSharpSyntaxTree.ParseText(SourceText.From(stream), parseOptions, path, cancellationToken);
        });
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: Enum.TryParse<NullableContextOptions>(inputs.Nullable, ignoreCase: true, out var nullable) ? nullable : NullableContextOptions.Disable,
            allowUnsafe: inputs.AllowUnsafeBlocks);
        return CSharpCompilation.Create(
            inputs.AssemblyName,
            trees,
            inputs.References.Select(r => MetadataReference.CreateFromFile(r)),
            options);
    }

    /// <summary>The classes of the compilation's own sources that carry [GhnInit], in source order.</summary>
    public static IReadOnlyList<INamedTypeSymbol> FindModels(Compilation compilation, CancellationToken cancellationToken)
    {
        var attribute = compilation.GetTypeByMetadataName(GhnInitAttributeName);
        if (attribute is null)
        {
            return [];
        }

        var models = new List<INamedTypeSymbol>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var semanticModel = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot(cancellationToken).DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                if (semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is { } type
                    && !models.Contains(type, SymbolEqualityComparer.Default)
                    && type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
                {
                    models.Add(type);
                }
            }
        }

        return models;
    }
}

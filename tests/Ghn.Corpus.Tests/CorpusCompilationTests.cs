using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ghn.Corpus.Tests;

public sealed class CorpusCompilationTests
{
    [Fact]
    public void The_catalogue_lists_every_GhnInit_model_of_the_corpus_source()
    {
        var compilation = CorpusCompilation.Compilation;
        var annotated = compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
                .Select(c => compilation.GetSemanticModel(tree).GetDeclaredSymbol(c)!))
            .Where(t => t.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Ghn.GhnInitAttribute"))
            .Select(t => t.ToDisplayString())
            .Order();

        Assert.Equal(CorpusModels.All.Select(m => m.ModelType.FullName!).Order(), annotated);
    }
}

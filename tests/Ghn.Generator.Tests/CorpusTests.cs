using System.Reflection;
using Ghn.Corpus;
using Ghn.Extraction;
using Ghn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ghn.Generator.Tests;

/// <summary>
/// The generator as the build runs it on tests/Ghn.Corpus: every corpus model's generated <c>GhnArchitecture</c>
/// is the graph the extractor gives for its source, or throws the extractor's explanation. (That the graph's
/// parameters match the instantiated TorchSharp model is checked by the corpus tests, which load LibTorch.)
/// </summary>
public sealed class CorpusTests
{
    /// <summary>The corpus's own sources, compiled the way its project compiles them (minus the generated code).</summary>
    private static readonly Lazy<Compilation> CorpusCompilation = new(CompileCorpusSources);

    public static TheoryData<string> Models => new(CorpusModels.All.Select(model => model.Name));

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_members_match_the_extraction(string name)
    {
        var modelType = CorpusModels.Get(name).ModelType;
        var compilation = CorpusCompilation.Value;
        var extraction = ModelExtractor.Extract(compilation.GetTypeByMetadataName(modelType.FullName!)!, compilation, CancellationToken.None);

        if (extraction.Graph is { } graph)
        {
            var generated = GeneratedModel.GetArchitecture(modelType);
            Assert.Equal(graph, generated);
            Assert.Equal(graph.ContentHash, generated.ContentHash);
        }
        else
        {
            // A corpus model the extractor does not handle yet: the build went on and the members explain why.
            var exception = Assert.Throws<InvalidOperationException>(() => GeneratedModel.GetArchitecture(modelType));
            Assert.All(
                extraction.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error),
                error => Assert.Contains(error.GetMessage(), exception.Message, StringComparison.Ordinal));
        }
    }

    private static Compilation CompileCorpusSources()
    {
        var directory = typeof(CorpusTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CorpusDirectory").Value!;
        var sources = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), TestCompilation.ParseOptions, path));

        // The SDK's implicit usings for a library (ImplicitUsings is on for every project of the repository).
        var implicitUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
            "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
            TestCompilation.ParseOptions,
            "ImplicitUsings.cs");
        var compilation = TestCompilation.Create(sources.Append(implicitUsings));
        // Only true errors: the corpus does not document its members, which TestCompilation would report.
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.DefaultSeverity == DiagnosticSeverity.Error));
        return compilation;
    }
}

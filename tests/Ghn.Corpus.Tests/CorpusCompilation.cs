using Ghn.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TorchSharp;

namespace Ghn.Corpus.Tests;

/// <summary>
/// The corpus models' source compiled with Roslyn as the user's project compiles it (implicit usings, nullable,
/// the framework, TorchSharp and Ghn.Runtime as references): the compilation the extractor sees.
/// </summary>
internal static class CorpusCompilation
{
    // The SDK's implicit usings for Microsoft.NET.Sdk projects, which the corpus project has enabled.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<CSharpCompilation> Instance = new(Create);

    public static CSharpCompilation Compilation => Instance.Value;

    /// <summary>The symbol of a corpus model class.</summary>
    public static INamedTypeSymbol ModelSymbol(CorpusModel model) =>
        Compilation.GetTypeByMetadataName(model.ModelType.FullName!)
        ?? throw new InvalidOperationException($"{model.ModelType.FullName} is not in the corpus compilation; is {model.SourceFile} copied to the test output?");

    private static CSharpCompilation Create()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var sourceFolder = Path.Combine(AppContext.BaseDirectory, "corpus");
        var trees = Directory.GetFiles(sourceFolder, "*.cs")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parseOptions, f))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, "GlobalUsings.g.cs"));

        var compilation = CSharpCompilation.Create(
            "Ghn.Corpus",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("The corpus does not compile with Roslyn:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        }

        return compilation;
    }

    private static IEnumerable<MetadataReference> References()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == frameworkDirectory);
        var libraries = new[] { typeof(torch).Assembly, typeof(GhnInitAttribute).Assembly, typeof(Graphs.ArchitectureGraph).Assembly }
            .Select(a => a.Location);
        return framework.Concat(libraries).Select(path => MetadataReference.CreateFromFile(path));
    }
}

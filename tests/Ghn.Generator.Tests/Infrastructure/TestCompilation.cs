using System.Collections.Immutable;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TorchSharp;

namespace Ghn.Generator.Tests.Infrastructure;

/// <summary>Compilations of inline model sources as a consumer builds them: nullable on, every warning an error, XML docs checked.</summary>
internal static class TestCompilation
{
    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilation Create(params string[] sources) => Create(ParseOptions, sources);

    public static CSharpCompilation Create(CSharpParseOptions parseOptions, params string[] sources) =>
        Create(sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"Source{i}.cs")));

    public static CSharpCompilation Create(IEnumerable<SyntaxTree> syntaxTrees) =>
        CSharpCompilation.Create(
            "TestModels",
            syntaxTrees,
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error));

    /// <summary>The shared framework plus TorchSharp's managed assembly, Ghn.Runtime and Ghn.Graphs.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = Directory.GetFiles(frameworkDirectory, "*.dll").Where(IsManagedAssembly);
        var ours = new[] { typeof(torch).Assembly, typeof(GhnInitAttribute).Assembly, typeof(ArchitectureGraph).Assembly }.Select(a => a.Location);
        return framework.Concat(ours).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}

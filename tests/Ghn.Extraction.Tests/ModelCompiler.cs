using Ghn.Graphs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ghn.Extraction.Tests;

/// <summary>Compiles C# model snippets against TorchSharp and Ghn.Runtime and extracts them.</summary>
internal static class ModelCompiler
{
    /// <summary>Prepended to every snippet; diagnostic locations are relative to the snippet after it.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Ghn;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;
        using F = TorchSharp.torch.nn.functional;

        """;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. platform.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
                .Select(p => MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(GhnInitAttribute).Assembly.Location),
        ];
    });

    /// <summary>Compiles <paramref name="source"/> (with common usings prepended) and returns the compilation.</summary>
    /// <param name="source">The snippet.</param>
    /// <param name="allowErrors">Whether compile errors are expected.</param>
    /// <param name="torchSharp">Whether TorchSharp is referenced (and imported); false compiles the snippet as is.</param>
    public static CSharpCompilation Compile(string source, bool allowErrors = false, bool torchSharp = true)
    {
        var tree = CSharpSyntaxTree.ParseText(torchSharp ? Usings + source : source, new CSharpParseOptions(LanguageVersion.Preview), path: "Model.cs");
        var compilation = CSharpCompilation.Create(
            "Models",
            [tree],
            torchSharp ? References.Value : References.Value.Where(r => !r.Display!.EndsWith("TorchSharp.dll", StringComparison.Ordinal)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        if (!allowErrors)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "The test snippet does not compile:\n" + string.Join("\n", errors));
        }

        return compilation;
    }

    /// <summary>Extracts the model type <paramref name="typeName"/> declared in <paramref name="source"/>.</summary>
    public static ExtractionResult Extract(string source, string typeName = "Net", bool allowErrors = false, bool torchSharp = true, Interpreter.BudgetLimits? limits = null)
    {
        var compilation = Compile(source, allowErrors, torchSharp);
        var type = compilation.GetTypeByMetadataName(typeName) ?? throw new InvalidOperationException($"No type {typeName}.");
        return ModelExtractor.Extract(type, compilation, limits ?? Interpreter.BudgetLimits.Default, CancellationToken.None);
    }

    /// <summary>Extracts and asserts success: no error diagnostics and a graph.</summary>
    public static ArchitectureGraph Graph(string source, string typeName = "Net")
    {
        var result = Extract(source, typeName);
        Assert.True(result.Graph is not null, "Extraction failed:\n" + string.Join("\n", result.Diagnostics));
        return result.Graph!;
    }

    /// <summary>Parameters as "name [d0, d1]" lines, in graph order.</summary>
    public static string[] ParameterList(this ArchitectureGraph graph) => [.. graph.Parameters.Select(p => p.ToString())];

    /// <summary>Op names of the nodes between input and output.</summary>
    public static string[] Ops(this ArchitectureGraph graph) => [.. graph.Nodes.Skip(1).Take(graph.Nodes.Count - 2).Select(n => n.Kind.ToName())];
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ghn.Extraction.Tests;

/// <summary>
/// What a model's extraction depends on, which the build's dependency file lists: an edit to any other source file
/// cannot change the graph, so it does not start the tool.
/// </summary>
public sealed class SourceDependencyTests
{
    [Fact]
    public void A_model_depends_on_the_files_whose_code_it_runs_and_those_declaring_the_constants_it_uses_transitively()
    {
        var compilation = ModelCompiler.Compile("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Block block = new Block();
                private readonly Linear head = Linear(Sizes.Hidden, 10);
                public Net() : base("Net") { RegisterComponents(); }
                public override Tensor forward(Tensor x) => head.forward(block.forward(x));
            }
            """, allowErrors: true).AddSyntaxTrees(
            File("Block.cs", """
                public sealed class Block : Module<Tensor, Tensor>
                {
                    private readonly Linear fc = Linear(16, Sizes.Hidden);
                    public Block() : base("Block") { RegisterComponents(); }
                    public override Tensor forward(Tensor x) => fc.forward(x);
                }
                """),
            File("Sizes.cs", "public static class Sizes { public const int Hidden = Widths.Base * 2; }"),
            File("Widths.cs", "public static class Widths { public const int Base = 12; }"),
            File("Unrelated.cs", "public static class Unrelated { public const int Answer = 42; public static int Twice(int x) => 2 * x; }"));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var result = ModelExtractor.Extract(compilation.GetTypeByMetadataName("Net")!, compilation);

        Assert.NotNull(result.Graph);
        Assert.Equal(["Block.cs", "Model.cs", "Sizes.cs", "Widths.cs"], result.SourceFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_model_that_failed_depends_on_its_own_file_so_that_fixing_it_runs_extraction_again()
    {
        var compilation = ModelCompiler.Compile("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Linear fc = Linear(10, 10);
                public Net() : base("Net") { RegisterComponents(); }
                public override Tensor forward(Tensor x) => fc.forward(x.cumsum(1));
            }
            """).AddSyntaxTrees(File("Unrelated.cs", "public static class Unrelated { public const int Answer = 42; }"));
        var result = ModelExtractor.Extract(compilation.GetTypeByMetadataName("Net")!, compilation);

        Assert.Null(result.Graph);
        Assert.Equal(["Model.cs"], result.SourceFiles.Select(Path.GetFileName));
    }

    private static SyntaxTree File(string path, string source) =>
        CSharpSyntaxTree.ParseText(ModelCompiler.Usings + source, new CSharpParseOptions(LanguageVersion.Preview), path: path);
}

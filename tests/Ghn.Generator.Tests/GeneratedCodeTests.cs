using Ghn.Extraction;
using Ghn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace Ghn.Generator.Tests;

/// <summary>The generated members behave as documented when the consumer's assembly is loaded and used.</summary>
public sealed class GeneratedCodeTests
{
    [Fact]
    public void Generated_code_compiles_in_c_sharp_8()
    {
        var run = GeneratorRun.Start(TestCompilation.Create(
            TestCompilation.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp8), TestModels.GlobalTinyNet));

        Assert.Single(run.GeneratedSources);
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    [InlineData("protected")]
    [InlineData("protected internal")]
    [InlineData("private protected")]
    [InlineData("private")]
    public void Generated_code_compiles_whatever_the_nested_models_accessibility(string accessibility)
    {
        var source = TestModels.Usings + $$"""
            /// <summary>Hosts the model.</summary>
            public partial class Host
            {
                /// <summary>A linear model.</summary>
                [GhnInit]
                {{accessibility}} sealed partial class Net : Module<Tensor, Tensor>
                {
                    private readonly Module<Tensor, Tensor> fc = Linear(4, 2);

                    /// <summary>Creates the model.</summary>
                    public Net() : base(nameof(Net)) => RegisterComponents();

                    /// <inheritdoc />
                    public override Tensor forward(Tensor input) => fc.forward(input);
                }
            }
            """;

        var run = GeneratorRun.Start(TestCompilation.Create(source));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal("Host.Net.GhnInit.g.cs", Assert.Single(run.GeneratedSources).HintName);
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void Keyword_names_are_escaped_in_source_but_not_in_the_resource_name()
    {
        var source = TestModels.Usings + """
            namespace @checked.Models;

            /// <summary>A linear model named with a keyword.</summary>
            [GhnInit]
            public sealed partial class @event : Module<Tensor, Tensor>
            {
                private readonly Module<Tensor, Tensor> fc = Linear(4, 2);

                /// <summary>Creates the model.</summary>
                public @event() : base("event") => RegisterComponents();

                /// <inheritdoc />
                public override Tensor forward(Tensor input) => fc.forward(input);
            }
            """;

        var run = GeneratorRun.Start(TestCompilation.Create(source));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics());
        var generated = run.SourceOf("checked.Models.event.GhnInit.g.cs");
        Assert.Contains("namespace @checked.Models", generated, StringComparison.Ordinal);
        Assert.Contains("public @event ApplyGhnInit()", generated, StringComparison.Ordinal);
        Assert.Contains("\"Ghn/checked.Models.event.safetensors\"", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void GhnArchitecture_is_the_extracted_graph_built_once()
    {
        var compilation = TestCompilation.Create(TestModels.Mlp);
        var expected = ModelExtractor.Extract(compilation.GetTypeByMetadataName("Models.Vision.Mlp")!, compilation, CancellationToken.None).Graph;

        var model = GeneratedModel.Load(compilation, "Models.Vision.Mlp");
        var architecture = GeneratedModel.GetArchitecture(model);

        Assert.NotNull(expected);
        Assert.Equal(expected, architecture);
        Assert.Equal(expected.ContentHash, architecture.ContentHash);
        Assert.Same(architecture, GeneratedModel.GetArchitecture(model));
    }

    [Fact]
    public void ApplyGhnInit_without_embedded_weights_explains_what_is_missing()
    {
        var model = GeneratedModel.Load(TestCompilation.Create(TestModels.Mlp), "Models.Vision.Mlp");

        var exception = Assert.IsType<InvalidOperationException>(GeneratedModel.CallApplyGhnInit(model));
        Assert.Contains("No predicted weights are embedded for Models.Vision.Mlp", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'Ghn/Models.Vision.Mlp.safetensors'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Reference the Ghn.Build package", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_models_name_their_weights_resource_as_type_full_name_does()
    {
        var model = GeneratedModel.Load(TestCompilation.Create(TestModels.Nested), "Zoo.Families+Convolutional+SmallConvNet");

        var exception = Assert.IsType<InvalidOperationException>(GeneratedModel.CallApplyGhnInit(model));
        Assert.Contains($"'Ghn/{model.FullName}.safetensors'", exception.Message, StringComparison.Ordinal);
    }
}

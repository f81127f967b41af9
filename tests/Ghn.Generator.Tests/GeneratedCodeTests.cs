using Ghn.Extraction;
using Ghn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace Ghn.Generator.Tests;

/// <summary>The generated members behave as documented when the consumer's assembly is loaded and used.</summary>
public sealed class GeneratedCodeTests
{
    [Fact]
    public void GeneratedCodeCompilesInCSharp8()
    {
        var run = GeneratorRun.Start(TestCompilation.Create(
            TestCompilation.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp8), TestModels.GlobalTinyNet));

        Assert.Single(run.GeneratedSources);
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void GhnArchitectureIsTheExtractedGraphParsedOnce()
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
    public void ApplyGhnInitWithoutEmbeddedWeightsExplainsWhatIsMissing()
    {
        var model = GeneratedModel.Load(TestCompilation.Create(TestModels.Mlp), "Models.Vision.Mlp");

        var exception = Assert.IsType<InvalidOperationException>(GeneratedModel.CallApplyGhnInit(model));
        Assert.Contains("No predicted weights are embedded for Models.Vision.Mlp", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'Ghn/Models.Vision.Mlp.safetensors'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Reference the Ghn.Build package", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedModelsNameTheirWeightsResourceAsTypeFullNameDoes()
    {
        var model = GeneratedModel.Load(TestCompilation.Create(TestModels.Nested), "Zoo.Families+Convolutional+SmallConvNet");

        var exception = Assert.IsType<InvalidOperationException>(GeneratedModel.CallApplyGhnInit(model));
        Assert.Contains($"'Ghn/{model.FullName}.safetensors'", exception.Message, StringComparison.Ordinal);
    }
}

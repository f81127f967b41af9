using System.Reflection;
using System.Runtime.CompilerServices;
using Ghn.Extraction;
using Ghn.Generator.Tests.Infrastructure;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;
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

        var model = LoadModelType(compilation, "Models.Vision.Mlp");
        var architecture = GetArchitecture(model);

        Assert.NotNull(expected);
        Assert.Equal(expected, architecture);
        Assert.Equal(expected.ContentHash, architecture.ContentHash);
        Assert.Same(architecture, GetArchitecture(model));
    }

    [Fact]
    public void ApplyGhnInitWithoutEmbeddedWeightsExplainsWhatIsMissing()
    {
        var model = LoadModelType(TestCompilation.Create(TestModels.Mlp), "Models.Vision.Mlp");

        var exception = Assert.IsType<InvalidOperationException>(CallApplyGhnInit(model));
        Assert.Contains("No predicted weights are embedded for Models.Vision.Mlp", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'Ghn/Models.Vision.Mlp.safetensors'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Reference the Ghn.Build package", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedModelsNameTheirWeightsResourceAsTypeFullNameDoes()
    {
        var model = LoadModelType(TestCompilation.Create(TestModels.Nested), "Zoo.Families+Convolutional+SmallConvNet");

        var exception = Assert.IsType<InvalidOperationException>(CallApplyGhnInit(model));
        Assert.Contains($"'Ghn/{model.FullName}.safetensors'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MembersOfAModelThatFailedExtractionThrowTheExtractorsExplanation()
    {
        var compilation = TestCompilation.Create(TestModels.Unsupported);
        var errors = ModelExtractor.Extract(compilation.GetTypeByMetadataName("Models.DataDependent")!, compilation, CancellationToken.None)
            .Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.NotEmpty(errors);

        var model = LoadModelType(compilation, "Models.DataDependent");

        var fromProperty = Assert.IsType<InvalidOperationException>(Assert.Throws<TargetInvocationException>(() => GetArchitecture(model)).InnerException);
        var fromMethod = Assert.IsType<InvalidOperationException>(CallApplyGhnInit(model));
        Assert.Equal(fromProperty.Message, fromMethod.Message);
        Assert.Contains("could not extract the architecture of Models.DataDependent", fromMethod.Message, StringComparison.Ordinal);
        foreach (var error in errors)
        {
            Assert.Contains($"{error.Id} Source0.cs", fromMethod.Message, StringComparison.Ordinal);
            Assert.Contains(error.GetMessage(), fromMethod.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MembersOfAModelThatDoesNotCompileYetSayWhyTheyAreUnavailable()
    {
        var source = TestModels.Mlp.Replace("fc2.forward(", "fc3.forward(", StringComparison.Ordinal);
        var run = GeneratorRun.Start(TestCompilation.Create(source));

        var generated = run.SourceOf("Models.Vision.Mlp.GhnInit.g.cs");
        Assert.Contains("could not extract the architecture of Models.Vision.Mlp", generated, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(run.GeneratorDiagnostics).Id + " Source0.cs", generated, StringComparison.Ordinal);
        Assert.Contains(run.CompilationDiagnostics(), d => d.Id == "CS0103"); // fc3 does not exist
    }

    [Fact]
    public void ExtractionDiagnosticsAreReportedAtTheirSourceLocation()
    {
        var compilation = TestCompilation.Create(TestModels.Unsupported);
        var expected = ModelExtractor.Extract(compilation.GetTypeByMetadataName("Models.DataDependent")!, compilation, CancellationToken.None).Diagnostics;

        var reported = GeneratorRun.Start(compilation).GeneratorDiagnostics;

        Assert.Equal(
            expected.Select(d => (d.Id, d.Severity, d.GetMessage(), d.Location.GetLineSpan())),
            reported.Select(d => (d.Id, d.Severity, d.GetMessage(), d.Location.GetLineSpan())));
    }

    /// <summary>Compiles <paramref name="compilation"/> with the generator's output and loads it into the test process.</summary>
    private static Type LoadModelType(Compilation compilation, string fullName)
    {
        var run = GeneratorRun.Start(compilation);
        using var image = new MemoryStream();
        var emit = run.OutputCompilation.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return Assembly.Load(image.ToArray()).GetType(fullName, throwOnError: true)!;
    }

    private static ArchitectureGraph GetArchitecture(Type model) =>
        (ArchitectureGraph)model.GetProperty("GhnArchitecture", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>
    /// Calls <c>ApplyGhnInit()</c> on an instance created without running its constructor, which would need LibTorch;
    /// the method fails before touching any tensor when no weights are embedded. Returns what it threw.
    /// </summary>
    private static Exception? CallApplyGhnInit(Type model)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(model);
        GC.SuppressFinalize(instance); // its finalizer would release a native module that was never created
        try
        {
            model.GetMethod("ApplyGhnInit")!.Invoke(instance, null);
            return null;
        }
        catch (TargetInvocationException invocation)
        {
            return invocation.InnerException;
        }
    }
}

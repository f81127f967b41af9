using Ghn.Extraction;
using Ghn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Ghn.Generator.Tests;

/// <summary>
/// A model the extractor cannot handle: its diagnostics are reported where they point, the build goes on (warnings)
/// unless the project sets GhnTreatFailuresAsErrors, and the generated members throw the same explanation.
/// </summary>
public sealed class ExtractionFailureTests
{
    private static readonly Dictionary<string, string> FailuresAsErrors = new() { ["GhnTreatFailuresAsErrors"] = "true" };

    [Fact]
    public void Extraction_diagnostics_are_reported_at_their_source_location()
    {
        var (compilation, expected) = ExtractUnsupportedModel();

        var reported = GeneratorRun.Start(compilation).GeneratorDiagnostics;

        Assert.Equal(
            expected.Select(d => (d.Id, d.GetMessage(), d.Location.GetLineSpan())),
            reported.Select(d => (d.Id, d.GetMessage(), d.Location.GetLineSpan())));
    }

    [Fact]
    public void Extraction_errors_are_warnings_by_default()
    {
        var (compilation, expected) = ExtractUnsupportedModel();
        Assert.Contains(expected, d => d.Severity == DiagnosticSeverity.Error);
        // Without /warnaserror, which TestCompilation sets as consumers here do (it would make them errors again).
        var withoutWarningsAsErrors = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Default));

        var reported = GeneratorRun.Start(withoutWarningsAsErrors).GeneratorDiagnostics;

        Assert.All(reported, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public void Extraction_errors_stay_errors_when_the_project_treats_failures_as_errors(string value)
    {
        var (compilation, expected) = ExtractUnsupportedModel();

        var reported = GeneratorRun.Start(compilation, new Dictionary<string, string> { ["GhnTreatFailuresAsErrors"] = value }).GeneratorDiagnostics;

        Assert.Equal(expected.Select(d => (d.Id, d.Severity)), reported.Select(d => (d.Id, d.Severity)));
    }

    [Fact]
    public void Usage_errors_stay_errors_whatever_the_project_says()
    {
        var compilation = TestCompilation.Create(TestModels.Usings + "[GhnInit] public sealed partial class NotAModule { }");

        var reported = GeneratorRun.Start(compilation, FailuresAsErrors).GeneratorDiagnostics;

        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(reported).Severity);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(GeneratorRun.Start(compilation).GeneratorDiagnostics).Severity);
    }

    [Fact]
    public void Members_of_a_model_that_failed_extraction_throw_the_extractors_explanation()
    {
        var (compilation, diagnostics) = ExtractUnsupportedModel();
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

        var model = GeneratedModel.Load(compilation, "Models.DataDependent");

        var fromProperty = Assert.Throws<InvalidOperationException>(() => GeneratedModel.GetArchitecture(model));
        var fromMethod = Assert.IsType<InvalidOperationException>(GeneratedModel.CallApplyGhnInit(model));
        Assert.Equal(fromProperty.Message, fromMethod.Message);
        Assert.Contains("could not extract the architecture of Models.DataDependent", fromMethod.Message, StringComparison.Ordinal);
        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            Assert.Contains($"{error.Id} Source0.cs", fromMethod.Message, StringComparison.Ordinal);
            Assert.Contains(error.GetMessage(), fromMethod.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Members_of_a_model_that_does_not_compile_yet_say_why_they_are_unavailable()
    {
        var source = TestModels.Mlp.Replace("fc2.forward(", "fc3.forward(", StringComparison.Ordinal);
        var run = GeneratorRun.Start(TestCompilation.Create(source));

        var generated = run.SourceOf("Models.Vision.Mlp.GhnInit.g.cs");
        Assert.Contains("could not extract the architecture of Models.Vision.Mlp", generated, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(run.GeneratorDiagnostics).Id + " Source0.cs", generated, StringComparison.Ordinal);
        Assert.Contains(run.CompilationDiagnostics(), d => d.Id == "CS0103"); // fc3 does not exist
    }

    private static (Compilation Compilation, IReadOnlyList<Diagnostic> Diagnostics) ExtractUnsupportedModel()
    {
        var compilation = TestCompilation.Create(TestModels.Unsupported);
        var model = compilation.GetTypeByMetadataName("Models.DataDependent")!;
        return (compilation, ModelExtractor.Extract(model, compilation, CancellationToken.None).Diagnostics);
    }
}

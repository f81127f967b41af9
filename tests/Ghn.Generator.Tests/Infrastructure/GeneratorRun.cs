using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ghn.Generator.Tests.Infrastructure;

/// <summary>One run of <see cref="GhnInitGenerator"/>: what it generated and reported, and the compilation with its output.</summary>
internal sealed class GeneratorRun
{
    private GeneratorRun(GeneratorDriver driver, Compilation outputCompilation, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        OutputCompilation = outputCompilation;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = driver.GetRunResult().Results.Single();
    }

    /// <summary>The driver after the run; run it again on an edited compilation to observe caching.</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The input compilation plus the generated sources.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>What the generator reported (its own diagnostics and the extractor's).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public GeneratorRunResult Result { get; }

    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Result.GeneratedSources;

    /// <summary>Runs the generator on <paramref name="compilation"/>, with MSBuild properties as the compiler would see them.</summary>
    public static GeneratorRun Start(Compilation compilation, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GhnInitGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            optionsProvider: new TestAnalyzerConfigOptions(
                (buildProperties ?? new Dictionary<string, string>()).ToDictionary(p => "build_property." + p.Key, p => p.Value)),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return Continue(driver, compilation);
    }

    public static GeneratorRun Continue(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, output, diagnostics);
    }

    /// <summary>Compiler warnings and errors of the output compilation (warnings are errors in <see cref="TestCompilation"/>).</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics() =>
        OutputCompilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity > DiagnosticSeverity.Info).ToImmutableArray();

    public string SourceOf(string hintName) =>
        GeneratedSources.Single(source => source.HintName == hintName).SourceText.ToString();
}

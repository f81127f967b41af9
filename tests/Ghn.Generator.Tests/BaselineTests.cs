using Ghn.Generator.Tests.Infrastructure;

namespace Ghn.Generator.Tests;

/// <summary>The generated source of representative models, compared verbatim with <c>Baselines/&lt;case&gt;.g.cs</c>.</summary>
public sealed class BaselineTests
{
    private static readonly Dictionary<string, (string Source, string HintName)> Cases = new()
    {
        ["FileScopedNamespace"] = (TestModels.Mlp, "Models.Vision.Mlp.GhnInit.g.cs"),
        ["GlobalNamespace"] = (TestModels.GlobalTinyNet, "TinyNet.GhnInit.g.cs"),
        ["NestedTypes"] = (TestModels.Nested, "Zoo.Families.Convolutional.SmallConvNet.GhnInit.g.cs"),
        ["ExtractionFailure"] = (TestModels.Unsupported, "Models.DataDependent.GhnInit.g.cs"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_source_matches_baseline(string caseName)
    {
        var (source, hintName) = Cases[caseName];
        var run = GeneratorRun.Start(TestCompilation.Create(source));

        Assert.Equal(hintName, Assert.Single(run.GeneratedSources).HintName);
        Baseline.AssertMatches(caseName + ".g.cs", run.SourceOf(hintName));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_source_compiles_without_warnings(string caseName)
    {
        var run = GeneratorRun.Start(TestCompilation.Create(Cases[caseName].Source));

        Assert.Empty(run.CompilationDiagnostics());
    }
}

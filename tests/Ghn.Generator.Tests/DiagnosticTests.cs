using Ghn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Ghn.Generator.Tests;

/// <summary>One test per generator diagnostic: misuse of [GhnInit] is reported at the class name, with the fix, and nothing is generated.</summary>
public sealed class DiagnosticTests
{
    private const string Body = """
        {
            private readonly Module<Tensor, Tensor> fc = Linear(4, 2);
            public Net() : base("Net") => RegisterComponents();
            public override Tensor forward(Tensor input) => fc.forward(input);
        }
        """;

    [Fact]
    public void GHN050_ClassNotPartial() =>
        AssertReported("GHN050", "[GhnInit] public sealed class [|Net|] : Module<Tensor, Tensor>" + Body, "declare it 'partial class Net'");

    [Fact]
    public void GHN051_ContainingTypeNotPartial() =>
        AssertReported(
            "GHN051",
            "public static class Zoo { [GhnInit] public sealed partial class [|Net|] : Module<Tensor, Tensor>" + Body + " }",
            "nested in 'Zoo', which is not partial");

    [Theory]
    [InlineData("public sealed partial class [|Net|]")]
    [InlineData("public sealed partial class [|Net|] : Module<(Tensor, Tensor), Tensor>")]
    [InlineData("public sealed partial class [|Net|] : Module<Tensor, (Tensor, Tensor), Tensor>")]
    public void GHN005_NotATensorModule(string declaration) =>
        AssertReported("GHN005", "[GhnInit] " + declaration + " { }", "derive from Module<Tensor, Tensor>");

    [Fact]
    public void GHN005_RecordIsNotAModule() =>
        AssertReported("GHN005", "[GhnInit] public sealed partial record [|Net|](int Width);", "derive from Module<Tensor, Tensor>");

    [Fact]
    public void GHN053_GenericClass() =>
        AssertReported("GHN053", "[GhnInit] public sealed partial class [|Net|]<T> : Module<Tensor, Tensor>" + Body, "is generic");

    [Fact]
    public void GHN053_NestedInGenericType() =>
        AssertReported(
            "GHN053",
            "public partial class Outer<T> { [GhnInit] public sealed partial class [|Net|] : Module<Tensor, Tensor>" + Body + " }",
            "nested in a generic type");

    [Fact]
    public void GHN054_Abstract() =>
        AssertReported("GHN054", "[GhnInit] public abstract partial class [|Net|] : Module<Tensor, Tensor>" + Body, "put [GhnInit] on the concrete classes");

    [Fact]
    public void GHN055_Static() =>
        AssertReported("GHN055", "[GhnInit] public static partial class [|Net|] { }", "remove 'static'");

    [Fact]
    public void GHN056_FileLocal() =>
        AssertReported("GHN056", "[GhnInit] file sealed partial class [|Net|] : Module<Tensor, Tensor>" + Body, "remove the 'file' modifier");

    [Theory]
    [InlineData("GhnArchitecture", "public static int GhnArchitecture => 0;")]
    [InlineData("ApplyGhnInit", "public void ApplyGhnInit() { }")]
    public void GHN057_MemberNameConflict(string member, string declaration) =>
        AssertReported(
            "GHN057",
            "[GhnInit] public sealed partial class [|Net|] : Module<Tensor, Tensor> { " + declaration + " }",
            $"already declares a member named '{member}'");

    /// <summary>
    /// The generator reports exactly <paramref name="id"/> at the marked span with a message naming the fix,
    /// and generates nothing.
    /// </summary>
    private static void AssertReported(string id, string markup, string fix)
    {
        var (source, span) = Markup.Parse(TestModels.Usings + markup);
        var run = GeneratorRun.Start(TestCompilation.Create(source));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains(fix, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }
}

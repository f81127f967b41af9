using System.Diagnostics;

namespace Ghn.Extraction.Tests;

/// <summary>With the default budget, user code that never ends still ends extraction quickly, with a diagnostic.</summary>
public sealed class BudgetTests
{
    [Theory]
    [InlineData("for (;;) { }")]
    [InlineData("var n = 1; while (n > 0) n = n % 5 + 1;")]
    [InlineData("var depth = Forever(1);")]
    public void Endless_constructor_code_stops_within_the_time_budget(string constructorBody)
    {
        var source = $$"""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Linear fc = Linear(2, 2);
                public Net() : base("Net") { {{constructorBody}} RegisterComponents(); }
                private static int Forever(int n) => Forever(n + 1) + 1;
                public override Tensor forward(Tensor x) => fc.forward(x);
            }
            """;
        var compilation = ModelCompiler.Compile(source);
        var stopwatch = Stopwatch.StartNew();

        var result = ModelExtractor.Extract(compilation.GetTypeByMetadataName("Net")!, compilation);

        stopwatch.Stop();
        Assert.Null(result.Graph);
        Assert.Contains(
            Assert.Single(result.Diagnostics).Id,
            new[] { ExtractionDiagnostics.StepBudgetExceeded.Id, ExtractionDiagnostics.TimeBudgetExceeded.Id, ExtractionDiagnostics.RecursionTooDeep.Id });
        // One second of budget plus generous slack for a loaded test machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"Extraction took {stopwatch.Elapsed}.");
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        var compilation = ModelCompiler.Compile("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                public Net() : base("Net") { for (;;) { } }
                public override Tensor forward(Tensor x) => x;
            }
            """);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ModelExtractor.Extract(compilation.GetTypeByMetadataName("Net")!, compilation, cancellation.Token));
    }
}

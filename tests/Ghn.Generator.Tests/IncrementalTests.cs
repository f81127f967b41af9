using System.Collections;
using System.Reflection;
using Ghn.Generator.Model;
using Ghn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ghn.Generator.Tests;

/// <summary>The pipeline caches: an edit that does not change a model's graph does not regenerate its source.</summary>
public sealed class IncrementalTests
{
    private const string UnrelatedClass = "internal static class Unrelated { public static int Answer => 42; }";

    [Fact]
    public void Adding_a_class_in_another_file_leaves_every_step_cached_or_unchanged()
    {
        var compilation = TestCompilation.Create(TestModels.Mlp, TestModels.Nested);
        var first = GeneratorRun.Start(compilation);

        var second = GeneratorRun.Continue(first.Driver, compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(UnrelatedClass, TestCompilation.ParseOptions, path: "Unrelated.cs")));

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void Editing_a_comment_in_the_model_file_leaves_every_step_cached_or_unchanged()
    {
        var compilation = TestCompilation.Create(TestModels.Mlp, TestModels.Nested);
        var first = GeneratorRun.Start(compilation);

        var tree = compilation.SyntaxTrees.First();
        var edited = tree.WithChangedText(tree.GetText().Replace(0, 0, "// A comment that changes nothing.\n"));
        var second = GeneratorRun.Continue(first.Driver, compilation.ReplaceSyntaxTree(tree, edited));

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void Moving_a_model_with_a_warning_down_a_line_moves_the_warning_and_leaves_its_source_cached()
    {
        var compilation = TestCompilation.Create(TestModels.Unsupported);
        var first = GeneratorRun.Start(compilation);

        var tree = compilation.SyntaxTrees.First();
        var edited = tree.WithChangedText(tree.GetText().Replace(0, 0, "\n"));
        var second = GeneratorRun.Continue(first.Driver, compilation.ReplaceSyntaxTree(tree, edited));

        Assert.All(ModelStepOutputs(second), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"model step output was {output.Reason}"));
        Assert.All(SourceOutputs(second), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"source output was {output.Reason}"));
        Assert.Equal(first.GeneratedSources.Single().SourceText.ToString(), second.GeneratedSources.Single().SourceText.ToString());
        var (before, after) = (Assert.Single(first.GeneratorDiagnostics), Assert.Single(second.GeneratorDiagnostics));
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.Location.GetLineSpan().StartLinePosition.Line + 1, after.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Diagnostics_are_reported_at_their_location_in_the_compilations_own_syntax_tree()
    {
        // A location in the compilation's own tree (not a file path and span) is what #pragma warning disable and the IDE need.
        var compilation = TestCompilation.Create(TestModels.Unsupported);

        var diagnostic = Assert.Single(GeneratorRun.Start(compilation).GeneratorDiagnostics);

        Assert.True(diagnostic.Location.IsInSource);
        Assert.Same(compilation.SyntaxTrees.First(), diagnostic.Location.SourceTree);
    }

    [Fact]
    public void Changing_a_layer_width_regenerates_only_that_model()
    {
        var compilation = TestCompilation.Create(TestModels.Mlp, TestModels.Nested);
        var first = GeneratorRun.Start(compilation);

        var tree = compilation.SyntaxTrees.First();
        var edited = CSharpSyntaxTree.ParseText(TestModels.MlpNarrower, TestCompilation.ParseOptions, path: tree.FilePath);
        var second = GeneratorRun.Continue(first.Driver, compilation.ReplaceSyntaxTree(tree, edited));

        var reasons = ModelStepOutputs(second).Select(output => output.Reason).ToArray();
        Assert.Equal(1, reasons.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.NotEqual(first.SourceOf("Models.Vision.Mlp.GhnInit.g.cs"), second.SourceOf("Models.Vision.Mlp.GhnInit.g.cs"));
        Assert.Equal(
            first.SourceOf("Zoo.Families.Convolutional.SmallConvNet.GhnInit.g.cs"),
            second.SourceOf("Zoo.Families.Convolutional.SmallConvNet.GhnInit.g.cs"));
    }

    [Fact]
    public void Pipeline_models_hold_no_compilation_symbols_or_syntax()
    {
        var run = GeneratorRun.Start(TestCompilation.Create(TestModels.Mlp, TestModels.Unsupported, TestModels.Nested));

        var outputs = ModelStepOutputs(run).Select(output => output.Value).ToArray();
        Assert.Equal(3, outputs.Length);
        foreach (var output in outputs)
        {
            AssertHoldsNoRoslynState(output, "model");
        }
    }

    private static void AssertNothingRegenerated(GeneratorRun first, GeneratorRun second)
    {
        Assert.All(ModelStepOutputs(second), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"model step output was {output.Reason}"));
        Assert.All(SourceOutputs(second), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"source output was {output.Reason}"));
        Assert.Equal(
            first.GeneratedSources.Select(source => (source.HintName, source.SourceText.ToString())),
            second.GeneratedSources.Select(source => (source.HintName, source.SourceText.ToString())));
    }

    /// <summary>The outputs of the step that emits source (the diagnostics' output step follows every edit, as it should).</summary>
    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorRun run) =>
        run.Result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs)
            .Where(output => output.Value is ModelSpec);

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> ModelStepOutputs(GeneratorRun run) =>
        run.Result.TrackedSteps[GhnInitGenerator.TrackingNames.Models].SelectMany(step => step.Outputs);

    /// <summary>
    /// Walks the object graph of a pipeline output: a symbol, syntax node, semantic model, compilation or location
    /// in it would keep the whole compilation alive and defeat caching.
    /// </summary>
    private static void AssertHoldsNoRoslynState(object? value, string path)
    {
        switch (value)
        {
            case null or string or DiagnosticDescriptor or Enum:
            case ValueType when value is not IEnumerable:
                return;
            case ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Compilation or Location:
                Assert.Fail($"{path} holds a {value.GetType().Name}");
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    AssertHoldsNoRoslynState(item, $"{path}[{index++}]");
                }

                return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoRoslynState(field.GetValue(value), $"{path}.{field.Name}");
        }
    }
}

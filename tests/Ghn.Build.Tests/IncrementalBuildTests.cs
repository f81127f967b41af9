using Ghn.Build.Tests.Infrastructure;

namespace Ghn.Build.Tests;

/// <summary>Slow: the prediction target's incrementality, asserted on consumer build logs.</summary>
[Collection(PackageFeedCollection.Name)]
[Trait("Category", "Slow")]
public sealed class IncrementalBuildTests(PackageFeed feed)
{
    private const string ToolSkipped = "Skipping target \"GhnPredictWeights\" because all output files are up-to-date";
    private const string ToolStarted = "build-weights";

    private readonly ConsumerProject _consumer = feed.Consumer;

    [Fact]
    public void Only_what_changed_is_predicted_and_an_unchanged_build_does_not_start_the_tool()
    {
        _consumer.WriteProject();
        _consumer.WriteSource("Models.cs", ConsumerSources.Models(cnnWidth: 8));
        _consumer.WriteSource("Program.cs", ConsumerSources.ApplyingProgram);
        _consumer.Build().ShouldSucceed();

        var unchanged = _consumer.Build().ShouldSucceed();
        Assert.Contains(ToolSkipped, unchanged.Output);
        Assert.DoesNotContain(ToolStarted, unchanged.Output);

        _consumer.WriteSource("Models.cs", ConsumerSources.Models(cnnWidth: 8, comment: "only this comment changed"));
        var commentEdited = _consumer.Build().ShouldSucceed();
        Assert.Contains(ToolStarted, commentEdited.Output);
        Assert.Contains($"ghn: {ConsumerSources.Cnn}: up to date", commentEdited.Output);
        Assert.Contains($"ghn: {ConsumerSources.Mlp}: up to date", commentEdited.Output);
        Assert.DoesNotContain(": predicted", commentEdited.Output);

        _consumer.WriteSource("Models.cs", ConsumerSources.Models(cnnWidth: 12, comment: "only this comment changed"));
        var widened = _consumer.Build().ShouldSucceed();
        Assert.Contains($"ghn: {ConsumerSources.Cnn}: predicted", widened.Output);
        Assert.Contains($"ghn: {ConsumerSources.Mlp}: up to date", widened.Output);
        Assert.Equal("applied", _consumer.Run(ConsumerSources.Cnn).ShouldSucceed().Output.Trim());
    }

    [Fact]
    public void An_edit_to_a_file_no_model_reads_does_not_start_the_tool_and_one_to_a_constant_a_model_uses_does()
    {
        _consumer.WriteProject();
        _consumer.WriteSource("Models.cs", ConsumerSources.Models(cnnWidth: 8));
        _consumer.WriteSource("Program.cs", ConsumerSources.ApplyingProgram);
        _consumer.WriteSource("Sized.cs", SizedModel);
        _consumer.WriteSource("Sizes.cs", Sizes("first version"));
        _consumer.WriteSource("Unrelated.cs", Unrelated("first version"));
        try
        {
            _consumer.Build().ShouldSucceed();

            _consumer.WriteSource("Unrelated.cs", Unrelated("only this comment changed"));
            var unrelatedEdited = _consumer.Build().ShouldSucceed();
            Assert.Contains(ToolSkipped, unrelatedEdited.Output);
            Assert.DoesNotContain(ToolStarted, unrelatedEdited.Output);

            _consumer.WriteSource("Sizes.cs", Sizes("only this comment changed"));
            var constantFileEdited = _consumer.Build().ShouldSucceed();
            Assert.Contains(ToolStarted, constantFileEdited.Output);
            Assert.Contains("ghn: Consumer.Sized: up to date", constantFileEdited.Output);
        }
        finally
        {
            _consumer.DeleteSource("Sized.cs");
            _consumer.DeleteSource("Sizes.cs");
            _consumer.DeleteSource("Unrelated.cs");
        }
    }

    [Fact]
    public void A_design_time_build_does_not_start_the_tool()
    {
        _consumer.WriteProject();
        _consumer.WriteSource("Models.cs", ConsumerSources.Models(cnnWidth: 16));
        _consumer.WriteSource("Program.cs", ConsumerSources.ApplyingProgram);

        var designTime = _consumer.Build("DesignTimeBuild=true").ShouldSucceed();
        Assert.DoesNotContain(ToolStarted, designTime.Output);
    }

    /// <summary>A model whose width is a constant declared in another file (<see cref="Sizes"/>).</summary>
    private const string SizedModel = """
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        namespace Consumer;

        [Ghn.GhnInit]
        public sealed partial class Sized : nn.Module<Tensor, Tensor>
        {
            private readonly Linear fc = nn.Linear(12, Sizes.Hidden);

            public Sized() : base(nameof(Sized)) => RegisterComponents();

            public override Tensor forward(Tensor x) => fc.forward(x);
        }
        """;

    private static string Sizes(string comment) => $$"""
        namespace Consumer;

        // {{comment}}
        internal static class Sizes
        {
            public const int Hidden = 6;
        }
        """;

    private static string Unrelated(string comment) => $$"""
        namespace Consumer;

        // {{comment}}
        internal static class Unrelated
        {
            public static int Answer => 42;
        }
        """;
}

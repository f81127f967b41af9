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
    public void A_design_time_build_does_not_start_the_tool()
    {
        _consumer.WriteProject();
        _consumer.WriteSource("Models.cs", ConsumerSources.Models(cnnWidth: 16));
        _consumer.WriteSource("Program.cs", ConsumerSources.ApplyingProgram);

        var designTime = _consumer.Build("DesignTimeBuild=true").ShouldSucceed();
        Assert.DoesNotContain(ToolStarted, designTime.Output);
    }
}

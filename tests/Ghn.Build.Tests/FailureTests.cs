using Ghn.Build.Tests.Infrastructure;

namespace Ghn.Build.Tests;

/// <summary>Slow: what a user sees when weights cannot be predicted.</summary>
[Collection(PackageFeedCollection.Name)]
[Trait("Category", "Slow")]
public sealed class FailureTests(PackageFeed feed)
{
    private readonly ConsumerProject _consumer = feed.Consumer;

    [Fact]
    public void A_missing_checkpoint_is_a_warning_and_ApplyGhnInit_throws_the_same_explanation()
    {
        var missing = Path.Combine(feed.Root, "no-such-checkpoint.safetensors");
        WriteConsumer(new() { ["GhnCheckpoint"] = missing });

        var build = _consumer.Build().ShouldSucceed();
        Assert.Contains("warning GHN203", build.Output);
        Assert.Contains(missing, build.Output);

        var run = _consumer.Run(ConsumerSources.Cnn).ShouldSucceed();
        Assert.StartsWith("ApplyGhnInit threw: ", run.Output);
        Assert.Contains("(GHN203)", run.Output);
        Assert.Contains(missing, run.Output);
    }

    [Fact]
    public void A_corrupt_checkpoint_is_a_warning_that_names_the_file()
    {
        var corrupt = Path.Combine(feed.Root, "corrupt.safetensors");
        File.WriteAllBytes(corrupt, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        WriteConsumer(new() { ["GhnCheckpoint"] = corrupt });

        var build = _consumer.Build().ShouldSucceed();
        Assert.Contains("warning GHN203", build.Output);
        Assert.Contains(corrupt, build.Output);
        Assert.Contains("ApplyGhnInit threw: ", _consumer.Run(ConsumerSources.Mlp).ShouldSucceed().Output);
    }

    [Fact]
    public void GhnTreatFailuresAsErrors_makes_an_unsupported_construct_an_error()
    {
        WriteConsumer(new() { ["TreatWarningsAsErrors"] = "false", ["GhnTreatFailuresAsErrors"] = "true" });
        _consumer.WriteSource("Unsupported.cs", ConsumerSources.UnsupportedModel);
        try
        {
            var build = _consumer.Build();
            Assert.True(build.ExitCode != 0, "The build should have failed: " + build);
            Assert.Matches(@"Unsupported\.cs\(\d+,\d+\): error GHN0\d\d", build.Output);
        }
        finally
        {
            _consumer.DeleteSource("Unsupported.cs");
        }
    }

    [Fact]
    public void GhnTreatFailuresAsErrors_makes_a_failure_fail_the_build()
    {
        var missing = Path.Combine(feed.Root, "no-such-checkpoint.safetensors");
        WriteConsumer(new() { ["GhnCheckpoint"] = missing, ["GhnTreatFailuresAsErrors"] = "true" });

        var build = _consumer.Build();
        Assert.True(build.ExitCode != 0, "The build should have failed: " + build);
        Assert.Contains("error GHN203", build.Output);
    }

    [Fact]
    public void A_pragma_around_the_reported_code_silences_an_extraction_warning()
    {
        WriteConsumer(new() { ["TreatWarningsAsErrors"] = "false" });
        _consumer.WriteSource("Unsupported.cs", ConsumerSources.UnsupportedModel.Replace(
            "    public override Tensor forward",
            "#pragma warning disable GHN010 // cumsum: the model keeps its random weights\n    public override Tensor forward"));
        try
        {
            var build = _consumer.Build().ShouldSucceed();
            Assert.DoesNotContain("GHN010", build.Output);
        }
        finally
        {
            _consumer.DeleteSource("Unsupported.cs");
        }
    }

    [Fact]
    public void An_unsupported_construct_is_a_warning_and_ApplyGhnInit_throws_the_extraction_errors()
    {
        // Warnings as errors would make the extraction warning fail the build, as it should for a project that asks for that.
        WriteConsumer(new() { ["TreatWarningsAsErrors"] = "false" });
        _consumer.WriteSource("Unsupported.cs", ConsumerSources.UnsupportedModel);
        try
        {
            var build = _consumer.Build().ShouldSucceed();
            Assert.Matches(@"Unsupported\.cs\(\d+,\d+\): warning GHN0\d\d", build.Output);

            _consumer.WriteSource("Program.cs", """
                try { new Consumer.Unsupported().ApplyGhnInit(); Console.WriteLine("applied"); }
                catch (InvalidOperationException exception) { Console.WriteLine("ApplyGhnInit threw: " + exception.Message); }
                """);
            _consumer.Build().ShouldSucceed();
            var run = _consumer.Run().ShouldSucceed();
            Assert.StartsWith("ApplyGhnInit threw: ", run.Output);
            Assert.Contains("GHN0", run.Output);
        }
        finally
        {
            _consumer.DeleteSource("Unsupported.cs");
        }
    }

    [Fact]
    public void A_project_without_LibTorch_gets_a_warning_and_the_explanation_embedded()
    {
        _consumer.WriteProject(referenceLibTorch: false);
        _consumer.WriteSource("Models.cs", ConsumerSources.Models(cnnWidth: 20)); // a graph no other test predicted
        _consumer.WriteSource("Program.cs", ConsumerSources.ApplyingProgram);

        var build = _consumer.Build().ShouldSucceed();
        Assert.Contains("warning GHN202", build.Output);
        var explanation = System.Text.Encoding.UTF8.GetString(AssemblyResources.Read(_consumer.OutputAssembly)[$"Ghn/{ConsumerSources.Cnn}.failure.txt"]);
        Assert.Contains("(GHN202)", explanation);
        Assert.Contains("libtorch-cpu-linux-x64", explanation);
    }

    [Fact]
    public void Stale_weights_are_never_applied()
    {
        WriteConsumer([]);
        _consumer.Build().ShouldSucceed();

        // What a broken incremental build could leave behind: the CNN's resource holding weights predicted for another graph
        // (the MLP's), with the prediction target up to date so nothing repairs it.
        File.Copy(_consumer.WeightsFile(ConsumerSources.Mlp), _consumer.WeightsFile(ConsumerSources.Cnn), overwrite: true);
        File.SetLastWriteTimeUtc(_consumer.WeightsFile(ConsumerSources.Cnn), DateTime.UtcNow); // File.Copy keeps the source's time
        File.SetLastWriteTimeUtc(Path.Combine(_consumer.WeightsDirectory, "ghn.stamp"), DateTime.UtcNow.AddMinutes(1));
        _consumer.Build().ShouldSucceed();

        var run = _consumer.Run(ConsumerSources.Cnn).ShouldSucceed();
        Assert.StartsWith("ApplyGhnInit threw: ", run.Output);
        Assert.Contains("predicted for another version of its architecture", run.Output);
        Assert.Equal("applied", _consumer.Run(ConsumerSources.Mlp).ShouldSucceed().Output.Trim());

        // The stamp lies in the future: without it the next build runs the tool, which predicts the CNN again.
        File.Delete(Path.Combine(_consumer.WeightsDirectory, "ghn.stamp"));
    }

    private void WriteConsumer(Dictionary<string, string> properties)
    {
        _consumer.WriteProject(properties);
        _consumer.WriteSource("Models.cs", ConsumerSources.Models());
        _consumer.WriteSource("Program.cs", ConsumerSources.ApplyingProgram);
    }
}

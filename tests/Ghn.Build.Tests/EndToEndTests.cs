using Ghn.Build.Tests.Infrastructure;

namespace Ghn.Build.Tests;

/// <summary>Slow: packs Ghn.Build, builds and runs a consumer project outside the repository.</summary>
[Collection(PackageFeedCollection.Name)]
[Trait("Category", "Slow")]
public sealed class EndToEndTests(PackageFeed feed)
{
    private readonly ConsumerProject _consumer = feed.Consumer;

    [Fact]
    public void ApplyGhnInit_sets_every_parameter_to_what_GHN_predict_gives_for_the_same_graph_bit_for_bit()
    {
        _consumer.WriteProject();
        _consumer.WriteSource("Models.cs", ConsumerSources.Models());
        _consumer.WriteSource("Program.cs", ConsumerSources.DumpingProgram);

        var build = _consumer.Build().ShouldSucceed();
        Assert.Contains($"ghn: {ConsumerSources.Cnn}: predicted", build.Output);
        Assert.Contains($"ghn: {ConsumerSources.Mlp}: predicted", build.Output);
        Assert.Contains($"ghn: {ConsumerSources.Cnn}: graph of", build.Output); // the graph size shows at -v:n

        var resources = AssemblyResources.Read(_consumer.OutputAssembly);
        Assert.Contains($"Ghn/{ConsumerSources.Cnn}.safetensors", resources.Keys);
        Assert.Contains($"Ghn/{ConsumerSources.Mlp}.safetensors", resources.Keys);

        var dumps = Directory.CreateTempSubdirectory("ghn-dumps-").FullName;
        var run = _consumer.Run(dumps).ShouldSucceed();
        Assert.Contains($"Ghn/{ConsumerSources.Cnn}.safetensors", run.Output);

        foreach (var model in new[] { ConsumerSources.Cnn, ConsumerSources.Mlp })
        {
            var predicted = Path.Combine(dumps, model + ".predicted.safetensors");
            DotNet.Run(dumps, "exec", RepositoryPaths.Cli, "predict", "--checkpoint", RepositoryPaths.DefaultCheckpoint,
                "--graph", Path.Combine(dumps, model + ".graph.json"), "--out", predicted, "--device", "cpu").ShouldSucceed();

            var expected = SafetensorsBytes.Read(predicted);
            var applied = SafetensorsBytes.Read(Path.Combine(dumps, model + ".params.safetensors"));
            // The Mlp's auxiliary head is registered but never called: it is the one part left unpredicted.
            var unpredicted = model == ConsumerSources.Mlp ? new[] { "aux.bias", "aux.weight" } : [];
            Assert.Equal(expected.Keys.Concat(unpredicted).Order(), applied.Keys.Order());
            foreach (var (name, tensor) in expected)
            {
                Assert.Equal(tensor.Shape, applied[name].Shape);
                Assert.True(tensor.Data.AsSpan().SequenceEqual(applied[name].Data), $"{model} parameter {name} differs from ghn predict.");
            }
        }
    }

    [Fact]
    public void Clean_removes_the_predictions_and_two_clean_builds_embed_byte_identical_resources()
    {
        _consumer.WriteProject();
        _consumer.WriteSource("Models.cs", ConsumerSources.Models());
        _consumer.WriteSource("Program.cs", ConsumerSources.ApplyingProgram);

        _consumer.Build().ShouldSucceed();
        var first = AssemblyResources.Read(_consumer.OutputAssembly);

        _consumer.Clean().ShouldSucceed();
        Assert.False(Directory.Exists(_consumer.WeightsDirectory), "dotnet clean left the predicted weights behind.");

        var rebuild = _consumer.Build().ShouldSucceed();
        Assert.Contains($"ghn: {ConsumerSources.Cnn}: predicted", rebuild.Output);
        var second = AssemblyResources.Read(_consumer.OutputAssembly);

        var names = first.Keys.Where(k => k.StartsWith("Ghn/", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal([$"Ghn/{ConsumerSources.Mlp}.safetensors", $"Ghn/{ConsumerSources.Cnn}.safetensors"], names);
        foreach (var name in names)
        {
            Assert.True(first[name].AsSpan().SequenceEqual(second[name]), $"{name} differs between two clean builds.");
        }
    }
}

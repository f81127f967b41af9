using Ghn.Graphs;
using Xunit.Abstractions;

namespace Ghn.Runtime.Tests.Hypernetwork;

/// <summary>Predictions equal the reference GHN-3's on the fixture graphs.</summary>
public sealed class ParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => new(ParityFixtures.Models);

    [Theory]
    [MemberData(nameof(Models))]
    public void Predictions_match_the_reference(string model) =>
        AssertPredictionsMatch(ParityFixtureDirectory.RandomGhnCheckpoint, ParityFixtureDirectory.Ghn3Directory, model, ParityFixtures.Graph(model));

    /// <summary>
    /// Full-width ResNet-18 (512-channel tiling): its 45 MB of expected tensors stay out of the repository, so this
    /// runs only where the developers' shared folder sits beside it.
    /// </summary>
    [SkippableFact]
    public void Full_width_ResNet18_matches_the_reference()
    {
        var folder = Path.GetFullPath(Path.Combine(RepositoryDirectory.Path, "..", "shared", "fixtures", "ghn3-parity"));
        Skip.IfNot(
            Directory.Exists(folder),
            $"The full-width ResNet-18 parity data is not at {folder}; resnet18_narrow in tests/fixtures covers its topology at a quarter of the width.");

        var graph = GraphJson.ReadPrimitiveGraph(File.ReadAllText(Path.Combine(folder, "graphs", "resnet18.json")));
        AssertPredictionsMatch(Path.Combine(folder, "ghn3-tiny-random.safetensors"), folder, "resnet18", graph);
    }

    private void AssertPredictionsMatch(string checkpoint, string fixtureDirectory, string model, PrimitiveGraph graph)
    {
        using var ghn = GraphHyperNetwork.Load(checkpoint, GhnDevice.Cpu);
        using var expected = ParityComparison.Expected(fixtureDirectory, model);
        var predicted = ghn.Predict(graph);
        try
        {
            var worst = ParityComparison.AssertClose(ParityComparison.Comparable(expected.Tensors), ParityComparison.Comparable(predicted));
            output.WriteLine($"{model}: {predicted.Count} tensors, max |diff| = {worst:g3}");
        }
        finally
        {
            foreach (var tensor in predicted.Values)
            {
                tensor.Dispose();
            }
        }
    }
}

using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Ghn.Corpus.Tests;

/// <summary>
/// The ViT fixture from the graph extracted from its TorchSharp port (the reference's graph file records the position
/// embedding only in its 4-D view, so it cannot be predicted from that): the reference GHN-3's predictions, and the
/// extracted graph committed for the engine's parity tests of the other sets.
/// </summary>
public sealed class ReferenceParityTests(ITestOutputHelper output)
{
    [Fact]
    public void The_vision_transformer_port_gets_the_reference_predictions()
    {
        var graph = CorpusExtraction.Graph(CorpusModels.Get("vit_tiny")).ToPrimitiveGraph();
        using var ghn = GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu);
        using var expected = ParityComparison.Expected(ParityFixtureDirectory.Ghn3Directory, "vit_tiny");
        using var scope = NewDisposeScope();
        var predicted = ghn.Predict(graph);

        var worst = ParityComparison.AssertClose(ParityComparison.Comparable(expected.Tensors), ParityComparison.Comparable(predicted));
        output.WriteLine($"vit_tiny: {predicted.Count} tensors, max |diff| = {worst:g3}");

        var classTokenPosition = predicted[ParityComparison.PositionEmbedding][.., 0];
        Assert.InRange(classTokenPosition.std().item<float>(), 0.01f, 0.04f);
        Assert.True(classTokenPosition.eq(ghn.Predict(graph)[ParityComparison.PositionEmbedding][.., 0]).all().item<bool>(), "The class token's position differs between two predictions.");
    }

    [Fact]
    public void The_committed_extracted_graph_of_the_vision_transformer_is_what_extraction_gives() =>
        Assert.Equal(
            File.ReadAllText(ParityFixtureDirectory.ExtractedGraphFile("vit_tiny")),
            CorpusExtraction.Graph(CorpusModels.Get("vit_tiny")).ToPrimitiveGraph().ToJson());
}

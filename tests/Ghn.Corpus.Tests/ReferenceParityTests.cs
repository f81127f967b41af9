using Ghn.Tests;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Ghn.Corpus.Tests;

/// <summary>
/// The reference GHN-3's predictions for the ViT fixture, from the graph extracted from its TorchSharp port (the
/// reference's graph file records the position embedding only in its 4-D view, so it cannot be predicted from that).
/// </summary>
public sealed class ReferenceParityTests(ITestOutputHelper output)
{
    private const string PositionEmbedding = "encoder.pos_embedding";

    [Fact]
    public void The_vision_transformer_port_gets_the_reference_predictions()
    {
        var graph = CorpusExtraction.Graph(CorpusModels.Get("vit_tiny")).ToPrimitiveGraph();
        using var ghn = GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu);
        using var expected = ParityComparison.Expected(ParityFixtureDirectory.Ghn3Directory, "vit_tiny");
        using var scope = NewDisposeScope();
        var predicted = ghn.Predict(graph);

        // The class token is not in the graph and keeps the model's value; the reference draws the class token's
        // position (row 0 of the position embedding) from its global generator, so only rows 1.. can be compared.
        var worst = ParityComparison.AssertClose(WithoutClassToken(expected.Tensors), WithoutClassToken(predicted));
        output.WriteLine($"vit_tiny: {predicted.Count} tensors, max |diff| = {worst:g3}");

        var classTokenPosition = predicted[PositionEmbedding][.., 0];
        Assert.InRange(classTokenPosition.std().item<float>(), 0.01f, 0.04f);
        Assert.True(classTokenPosition.eq(ghn.Predict(graph)[PositionEmbedding][.., 0]).all().item<bool>(), "The class token's position differs between two predictions.");
    }

    private static Dictionary<string, Tensor> WithoutClassToken(IReadOnlyDictionary<string, Tensor> tensors) =>
        tensors.Where(t => t.Key != "class_token")
            .ToDictionary(t => t.Key, t => t.Key == PositionEmbedding ? t.Value[.., 1..] : t.Value);
}

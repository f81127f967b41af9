using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Hypernetwork;

/// <summary>A new GHN is initialised like the reference's, so that training from scratch starts where it does.</summary>
public sealed class InitializationTests
{
    [Fact]
    public void Embeddings_are_normal_with_std_of_hid_to_the_minus_half_and_last_decoder_layers_start_small()
    {
        manual_seed(1);
        using var ghn = new GraphHyperNetwork(GhnConfig.Tiny, GhnDevice.Cpu);
        var state = ghn.state_dict();
        foreach (var name in new[] { "embed.weight", "gnn.0.input_dist_embed.weight", "gnn.0.attn.edge_embed.embed.weight" })
        {
            var weight = state[name];
            var expectedStd = Math.Pow(weight.shape[1], -0.5);
            Assert.InRange(weight.std().item<float>(), 0.9 * expectedStd, 1.1 * expectedStd);
        }

        foreach (var name in new[] { "decoder.conv.2.bias", "decoder_1d.fc.2.bias", "decoder.class_layer_predictor.1.bias" })
        {
            Assert.Equal(0f, state[name].abs().max().item<float>());
        }

        // Default Linear init is U(±1/sqrt(fan_in)); the last decoder layers are scaled down by 5.
        Assert.True(state["decoder.conv.2.weight"].abs().max().item<float>() <= 1 / Math.Sqrt(512) / 5 + 1e-6);
    }
}

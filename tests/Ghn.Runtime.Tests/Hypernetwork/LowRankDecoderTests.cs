using Ghn.Checkpoints;
using Ghn.Graphs;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Hypernetwork;

/// <summary>The low-rank decoder option (<see cref="GhnDecoder.LowRank"/>): configuration, whole wide tensors, checkpoints.</summary>
public sealed class LowRankDecoderTests : IDisposable
{
    private static readonly GhnConfig LowRank = new(32, 2, 4, [256, 1024, 7, 7], 10, decoder: GhnDecoder.LowRank, rank: 32);
    private static readonly GhnConfig Conv = new(32, 2, 4, [64, 64, 7, 7], 10);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ghn-low-rank-{Guid.NewGuid():N}.safetensors");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void The_low_rank_config_round_trips_and_the_conv_config_keeps_the_reference_keys()
    {
        var parsed = GhnConfig.FromJson(LowRank.ToJson());
        Assert.Equal((GhnDecoder.LowRank, 32), (parsed.Decoder, parsed.Rank));
        Assert.Equal(LowRank.ToJson(), parsed.ToJson());
        Assert.DoesNotContain("decoder", Conv.ToJson());
        Assert.Equal(GhnDecoder.Conv, GhnConfig.FromJson(Conv.ToJson()).Decoder);
    }

    [Theory]
    [InlineData("\"decoder\":\"low_rank\"", "\"decoder\":\"lora\"", "expected \"conv\", \"low_rank\", \"conv_wide_linear\"")]
    [InlineData("\"rank\":32", "\"rank\":0", "rank of a low-rank decoder must be positive")]
    [InlineData("\"decoder\":\"low_rank\"", "\"decoder\":\"conv\"", "rank belongs to a low-rank decoder only")]
    public void Invalid_decoder_settings_are_named(string find, string replace, string message)
    {
        var json = LowRank.ToJson();
        Assert.Contains(find, json);
        var exception = Assert.Throws<CheckpointException>(() => GhnConfig.FromJson(json.Replace(find, replace)));
        Assert.Contains(message, exception.Message);
    }

    [Fact]
    public void A_GHN_2_refuses_the_low_rank_decoder()
    {
        var exception = Assert.Throws<ArgumentException>(() => new GhnConfig(32, 1, 0, [64, 64, 7, 7], 10, architecture: GhnArchitecture.Ghn2, decoder: GhnDecoder.LowRank, rank: 8));
        Assert.Contains("low_rank is a GHN-3 option", exception.Message);
    }

    [Fact]
    public void A_784_input_layer_is_predicted_whole_where_the_conv_decoder_repeats_a_64_wide_block()
    {
        using var scope = NewDisposeScope();
        using var conv = new GraphHyperNetwork(Conv, GhnDevice.Cpu);
        using var lowRank = new GraphHyperNetwork(LowRank, GhnDevice.Cpu);

        var tiled = conv.Predict(PredictionTests.WideMlp)["fc1.weight"];
        var whole = lowRank.Predict(PredictionTests.WideMlp)["fc1.weight"];

        Assert.Equal([128L, 784], whole.shape);
        Assert.True(tiled[.., ..64].allclose(tiled[.., 64..128], rtol: 0, atol: 0));
        Assert.False(whole[.., ..64].allclose(whole[.., 64..128], rtol: 1e-3, atol: 1e-6));
        Assert.True(whole.isfinite().all().item<bool>());
    }

    [Fact]
    public void A_fresh_low_rank_GHN_predicts_weights_of_more_than_rank_one()
    {
        using var scope = NewDisposeScope();
        using var ghn = new GraphHyperNetwork(LowRank, GhnDevice.Cpu);
        var weight = ghn.Predict(PredictionTests.WideMlp)["fc1.weight"];

        // A factor shared by every rank (a bias, a ReLU's positive mean) put 90 % of the energy in one direction; a
        // product of two random rank-32 factors puts about 20 % there.
        var energy = linalg.svdvals(weight).square();
        Assert.InRange((energy[0] / energy.sum()).item<float>(), 0, 0.5);

    }

    [Fact]
    public void Kernels_larger_than_the_decoders_channels_beyond_max_shape_and_the_classifier_get_their_full_shape()
    {
        using var scope = NewDisposeScope();
        using var ghn = new GraphHyperNetwork(LowRank, GhnDevice.Cpu);
        var predicted = ghn.Predict(PredictionTests.StemAndClassifier(channels: 300, classes: 10));
        Assert.Equal([300L, 3, 13, 13], predicted["stem.weight"].shape);
        Assert.Equal([10L, 300], predicted["fc.weight"].shape);
        Assert.Equal([10L], predicted["fc.bias"].shape);
        Assert.All(predicted.Values, t => Assert.True(t.isfinite().all().item<bool>()));
    }

    [Fact]
    public void A_saved_low_rank_GHN_loads_with_its_decoder_and_predicts_the_same()
    {
        using var scope = NewDisposeScope();
        using var ghn = new GraphHyperNetwork(LowRank, GhnDevice.Cpu);
        ghn.Save(_path);
        using var loaded = GraphHyperNetwork.Load(_path, GhnDevice.Cpu);

        Assert.Equal(LowRank.ToJson(), loaded.Config.ToJson());
        ParityComparison.AssertClose(ghn.Predict(PredictionTests.WideMlp), loaded.Predict(PredictionTests.WideMlp));
    }
}

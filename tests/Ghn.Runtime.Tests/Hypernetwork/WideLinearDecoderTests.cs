using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Hypernetwork;

/// <summary>
/// The conv decoder's wide-linear option (<see cref="GhnDecoder.ConvWideLinear"/>): a linear layer wider than max_in
/// takes its input weights from every kernel position; everything else is predicted as by the conv decoder.
/// </summary>
public sealed class WideLinearDecoderTests : IDisposable
{
    private static readonly GhnConfig Conv = new(32, 2, 4, [64, 64, 7, 7], 10);
    private static readonly GhnConfig WideLinear = new(32, 2, 4, [64, 64, 7, 7], 10, decoder: GhnDecoder.ConvWideLinear);

    private readonly IDisposable _scope = NewDisposeScope();
    private readonly GraphHyperNetwork _conv = new(Conv, GhnDevice.Cpu);
    private readonly GraphHyperNetwork _wideLinear = new(WideLinear, GhnDevice.Cpu);

    public WideLinearDecoderTests()
    {
        // The same weights: the two differ only in how wide linear layers are read from the decoded block.
        Assert.Equal((_wideLinear.state_dict().Count, _wideLinear.state_dict().Count), _wideLinear.CopyMatchingWeights(_conv));
    }

    public void Dispose()
    {
        _conv.Dispose();
        _wideLinear.Dispose();
        _scope.Dispose();
    }

    [Fact]
    public void The_config_round_trips_and_a_GHN_2_refuses_it()
    {
        Assert.Contains("\"decoder\":\"conv_wide_linear\"", WideLinear.ToJson());
        Assert.Equal(GhnDecoder.ConvWideLinear, GhnConfig.FromJson(WideLinear.ToJson()).Decoder);
        var exception = Assert.Throws<ArgumentException>(() => new GhnConfig(32, 1, 0, [64, 64, 7, 7], 10, architecture: GhnArchitecture.Ghn2, decoder: GhnDecoder.ConvWideLinear));
        Assert.Contains("conv_wide_linear is a GHN-3 option", exception.Message);
    }

    [Theory]
    [InlineData("fc1.weight", 784)]
    [InlineData("fc2.weight", 128)]
    public void A_wide_linear_layer_keeps_the_centre_columns_and_gets_distinct_weights_beyond_max_in(string name, int inputs)
    {
        var tiled = _conv.Predict(PredictionTests.WideMlp)[name];
        var wide = _wideLinear.Predict(PredictionTests.WideMlp)[name];

        Assert.Equal(tiled.shape, wide.shape);
        Assert.Equal(inputs, wide.shape[1]);
        Assert.True(wide[.., ..64].allclose(tiled[.., ..64], rtol: 1e-4, atol: 1e-6), "the first max_in columns are the centre position's, as the conv decoder's");
        Assert.True(tiled[.., ..64].allclose(tiled[.., 64..128], rtol: 0, atol: 0), "the conv decoder repeats its block");
        Assert.False(wide[.., ..64].allclose(wide[.., 64..128], rtol: 1e-3, atol: 1e-6), "the next columns come from another position");
    }

    [Fact]
    public void Every_other_tensor_is_predicted_as_by_the_conv_decoder()
    {
        var graph = PredictionTests.StemAndClassifier(channels: 48, classes: 10);
        ParityComparison.AssertClose(_conv.Predict(graph), _wideLinear.Predict(graph));

        var conv = _conv.Predict(PredictionTests.WideMlp);
        var wide = _wideLinear.Predict(PredictionTests.WideMlp);
        foreach (var name in new[] { "fc1.bias", "bn.weight", "bn.bias", "fc2.bias" })
        {
            Assert.True(conv[name].allclose(wide[name], rtol: 1e-4, atol: 1e-6), name);
        }
    }
}

using Ghn.Checkpoints;

namespace Ghn.Runtime.Tests.Hypernetwork;

public sealed class GhnConfigTests
{
    private const string Fixture = "{\"max_shape\": [64,64,11,11], \"num_classes\": 10, \"hid\": 64, \"layers\": 3, \"heads\": 8, \"weight_norm\": true, \"ve\": true, \"layernorm\": true, \"architecture\": \"ghn3\"}";

    [Fact]
    public void The_fixture_config_parses_and_round_trips()
    {
        var config = GhnConfig.FromJson(Fixture);
        Assert.Equal((64, 3, 8, 10), (config.Hid, config.Layers, config.Heads, config.NumClasses));
        Assert.Equal([64, 64, 11, 11], config.MaxShape);
        Assert.True(config.WeightNorm && config.Ve && config.Layernorm);
        Assert.Equal(config.ToJson(), GhnConfig.FromJson(config.ToJson()).ToJson());
    }

    [Theory]
    [InlineData("\"hid\": 64,", "", "missing the key \"hid\"")]
    [InlineData("\"heads\": 8", "\"heads\": 6", "heads must be positive and divide hid=64")]
    [InlineData("[64,64,11,11]", "[64,64,11,7]", "square spatial size")]
    [InlineData("\"ve\": true", "\"ve\": 1", "ghn_config.ve must be of type boolean")]
    [InlineData("[64,64,11,11]", "[64,64,11]", "max_shape must be four positive integers")]
    public void Invalid_values_are_named(string find, string replace, string message)
    {
        var exception = Assert.Throws<CheckpointException>(() => GhnConfig.FromJson(Fixture.Replace(find, replace)));
        Assert.Contains(message, exception.Message);
    }
}

using Ghn.Graphs;
using Ghn.Runtime.Tests.Execution;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Hypernetwork;

/// <summary>Meta-training's path: GHN → predicted weights → <see cref="GraphExecutor"/> on a data batch → loss → GHN gradients.</summary>
public sealed class MetaGradientTests
{
    [Theory]
    [InlineData(GhnDecoder.Conv)]
    [InlineData(GhnDecoder.LowRank)]
    public void A_loss_on_predicted_weights_reaches_every_GHN_parameter(GhnDecoder decoder)
    {
        // Fixed weights (the fixture's, or a fresh low-rank GHN's) and a private generator for the data.
        using var scope = NewDisposeScope();
        using var ghn = decoder == GhnDecoder.Conv
            ? GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu)
            : new GraphHyperNetwork(new GhnConfig(32, 2, 4, [32, 32, 7, 7], 10, decoder: GhnDecoder.LowRank, rank: 4), GhnDevice.Cpu);
        ghn.train();
        using var generator = new Generator(0);
        var architectures = new[] { ConvNet(8, 3), ConvNet(12, 5) };

        var predictions = ghn.PredictDifferentiable(architectures.Select(a => a.ToPrimitiveGraph()).ToArray());
        var images = randn([4, 1, 8, 8], generator: generator);
        var labels = tensor(new long[] { 0, 3, 7, 9 });
        Tensor loss = zeros(1);
        for (var i = 0; i < architectures.Length; i++)
        {
            var logits = new GraphExecutor(architectures[i]).Forward(images, predictions[i], training: true);
            loss = loss.add(nn.functional.cross_entropy(logits, labels));
        }

        Assert.True(loss.isfinite().all().item<bool>(), $"loss {loss.item<float>()}");
        loss.backward();

        foreach (var (name, parameter) in ghn.named_parameters())
        {
            Assert.True(parameter.grad is not null, $"{name} received no gradient");
            Assert.True(parameter.grad!.isfinite().all().item<bool>(), $"{name} received a non-finite gradient");
            Assert.True(parameter.grad!.abs().sum().item<float>() > 0, $"{name} received an all-zero gradient");
        }
    }

    /// <summary>conv(+bias) → BN → ReLU → conv → BN → ReLU → global average → flatten → classifier.</summary>
    private static ArchitectureGraph ConvNet(int channels, int kernel)
    {
        var builder = new GraphBuilder();
        int Conv(string name, int input, int inChannels, bool bias) => builder.Add(
            OpKind.Conv2d,
            [input],
            [Attr("kernel", kernel, kernel), Attr("stride", 1, 1), Attr("padding", kernel / 2, kernel / 2), Attr("dilation", 1, 1), Attr("groups", 1)],
            bias ? [Spec(name + ".weight", channels, inChannels, kernel, kernel), Spec(name + ".bias", channels)] : [Spec(name + ".weight", channels, inChannels, kernel, kernel)]);
        int Norm(string name, int input) => builder.Add(
            OpKind.BatchNorm,
            [input],
            [Attr("eps", 1e-5), Attr("momentum", 0.1)],
            [Spec(name + ".weight", channels), Spec(name + ".bias", channels)]);

        var first = builder.Add(OpKind.Relu, [Norm("bn1", Conv("conv1", 0, 1, bias: true))]);
        var second = builder.Add(OpKind.Relu, [Norm("bn2", Conv("conv2", first, channels, bias: false))]);
        var pooled = builder.Add(OpKind.AdaptiveAvgPool2d, [second], [Attr("output_size", 1, 1)]);
        var flat = builder.Add(OpKind.Flatten, [pooled], [Attr("start_dim", 1), Attr("end_dim", -1)]);
        return builder.Build(builder.Add(OpKind.Linear, [flat], parameters: [Spec("fc.weight", 10, channels), Spec("fc.bias", 10)]));
    }
}


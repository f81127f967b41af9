using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>A MobileNetV2 for 28x28 images: inverted residual blocks with depthwise convolutions held in a <c>ModuleList</c>.</summary>
[Ghn.GhnInit]
public sealed partial class MobileNetV2 : Module<Tensor, Tensor>
{
    // (expansion t, output channels c, repeats n, first stride s) as in the MobileNetV2 paper's table 2.
    private static readonly (int Expansion, int Channels, int Repeats, int Stride)[] Settings =
    [
        (1, 16, 1, 1),
        (6, 24, 2, 2),
        (6, 32, 2, 2),
    ];

    private readonly Sequential stem;
    private readonly ModuleList<Module<Tensor, Tensor>> blocks = new();
    private readonly Sequential head;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    public MobileNetV2(int numClasses = 10, int stemChannels = 16, int lastChannels = 128) : base(nameof(MobileNetV2))
    {
        stem = ConvBnRelu6(1, stemChannels);
        var inChannels = stemChannels;
        foreach (var (expansion, channels, repeats, stride) in Settings)
        {
            for (var i = 0; i < repeats; i++)
            {
                blocks.Add(new InvertedResidual(inChannels, channels, i == 0 ? stride : 1, expansion));
                inChannels = channels;
            }
        }

        head = ConvBnRelu6(inChannels, lastChannels, kernelSize: 1);
        dropout = Dropout(0.2);
        classifier = Linear(lastChannels, numClasses);
        RegisterComponents();
    }

    /// <summary>Convolution, BatchNorm and ReLU6 with "same" padding; <paramref name="groups"/> equal to the channels makes it depthwise.</summary>
    internal static Sequential ConvBnRelu6(int inChannels, int outChannels, int kernelSize = 3, int stride = 1, int groups = 1) => Sequential(
        Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: (kernelSize - 1) / 2, groups: groups, bias: false),
        BatchNorm2d(outChannels),
        ReLU6(inplace: true));

    public override Tensor forward(Tensor x)
    {
        x = stem.forward(x);
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        x = head.forward(x);
        x = x.mean([2, 3]);
        return classifier.forward(dropout.forward(x));
    }
}

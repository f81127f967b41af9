using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A small DenseNet: dense blocks whose layers concatenate their outputs, joined by transitions that halve
/// channels and resolution. The features are one named <c>Sequential</c> with torchvision's names
/// (<c>features.denseblock1.denselayer2.conv1.weight</c>, ...).
/// </summary>
[Ghn.GhnInit(8, new[] { 2, 2, 2 })]
public sealed partial class DenseNet : Module<Tensor, Tensor>
{
    private const int BottleneckWidth = 4;

    private readonly Sequential features;
    private readonly Linear classifier;

    public DenseNet(int growthRate, int[] blockConfig, int initialFeatures = 16, int numClasses = 10) : base(nameof(DenseNet))
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv0", Conv2d(1, initialFeatures, 3, padding: 1, bias: false)),
            ("norm0", BatchNorm2d(initialFeatures)),
            ("relu0", ReLU(inplace: true)),
        };

        var channels = initialFeatures;
        for (var i = 0; i < blockConfig.Length; i++)
        {
            layers.Add(($"denseblock{i + 1}", MakeDenseBlock(blockConfig[i], channels, growthRate)));
            channels += blockConfig[i] * growthRate;
            if (i != blockConfig.Length - 1)
            {
                layers.Add(($"transition{i + 1}", MakeTransition(channels, channels / 2)));
                channels /= 2;
            }
        }

        layers.Add(("norm5", BatchNorm2d(channels)));
        features = Sequential(layers);
        classifier = Linear(channels, numClasses);
        RegisterComponents();
    }

    private static Sequential MakeDenseBlock(int layerCount, int inChannels, int growthRate)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        for (var i = 0; i < layerCount; i++)
        {
            layers.Add(($"denselayer{i + 1}", new DenseLayer(inChannels + (i * growthRate), growthRate, BottleneckWidth)));
        }

        return Sequential(layers);
    }

    private static Sequential MakeTransition(int inChannels, int outChannels) => Sequential(
        ("norm", BatchNorm2d(inChannels)),
        ("relu", ReLU(inplace: true)),
        ("conv", Conv2d(inChannels, outChannels, 1, bias: false)),
        ("pool", AvgPool2d(2, stride: 2)));

    public override Tensor forward(Tensor x)
    {
        var output = functional.relu(features.forward(x));
        output = functional.adaptive_avg_pool2d(output, 1);
        output = flatten(output, 1);
        return classifier.forward(output);
    }
}

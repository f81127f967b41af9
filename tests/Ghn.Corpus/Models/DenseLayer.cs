using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>A DenseNet bottleneck layer: its new feature maps are concatenated to its input.</summary>
public sealed class DenseLayer : Module<Tensor, Tensor>
{
    private readonly BatchNorm2d norm1;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d norm2;
    private readonly Conv2d conv2;

    public DenseLayer(int inChannels, int growthRate, int bottleneckWidth) : base(nameof(DenseLayer))
    {
        norm1 = BatchNorm2d(inChannels);
        conv1 = Conv2d(inChannels, bottleneckWidth * growthRate, 1, bias: false);
        norm2 = BatchNorm2d(bottleneckWidth * growthRate);
        conv2 = Conv2d(bottleneckWidth * growthRate, growthRate, 3, padding: 1, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var bottleneck = conv1.forward(functional.relu(norm1.forward(x)));
        var newFeatures = conv2.forward(functional.relu(norm2.forward(bottleneck)));
        return cat([x, newFeatures], 1);
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>torchvision's <c>BasicBlock</c>: two 3x3 convolutions with an identity or projected shortcut.</summary>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    /// <summary>Output channels per <c>planes</c> (torchvision's <c>BasicBlock.expansion</c>).</summary>
    public const int Expansion = 1;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    public BasicBlock(int inplanes, int planes, int stride = 1, Sequential? downsample = null) : base(nameof(BasicBlock))
    {
        conv1 = ResNet18.Conv3x3(inplanes, planes, stride);
        bn1 = BatchNorm2d(planes);
        relu = ReLU(inplace: true);
        conv2 = ResNet18.Conv3x3(planes, planes);
        bn2 = BatchNorm2d(planes);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var identity = x;

        var output = conv1.forward(x);
        output = bn1.forward(output);
        output = relu.forward(output);

        output = conv2.forward(output);
        output = bn2.forward(output);

        if (downsample is not null)
        {
            identity = downsample.forward(x);
        }

        output += identity;
        return relu.forward(output);
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>MobileNetV2's inverted residual: 1x1 expansion, 3x3 depthwise convolution, linear 1x1 projection.</summary>
public sealed class InvertedResidual : Module<Tensor, Tensor>
{
    private readonly bool useResidual;
    private readonly Sequential conv;

    public InvertedResidual(int inChannels, int outChannels, int stride, int expandRatio) : base(nameof(InvertedResidual))
    {
        var hidden = inChannels * expandRatio;
        useResidual = stride == 1 && inChannels == outChannels;

        var layers = new List<Module<Tensor, Tensor>>();
        if (expandRatio != 1)
        {
            layers.Add(MobileNetV2.ConvBnRelu6(inChannels, hidden, kernelSize: 1));
        }

        layers.Add(MobileNetV2.ConvBnRelu6(hidden, hidden, stride: stride, groups: hidden));
        layers.Add(Conv2d(hidden, outChannels, 1, bias: false));
        layers.Add(BatchNorm2d(outChannels));
        conv = Sequential(layers);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        if (useResidual)
        {
            return x + conv.forward(x);
        }

        return conv.forward(x);
    }
}

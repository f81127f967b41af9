using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>MobileNetV3's bottleneck: optional 1x1 expansion, depthwise convolution, optional squeeze-and-excitation, 1x1 projection.</summary>
public sealed class MobileNetV3Block : Module<Tensor, Tensor>
{
    private readonly bool useResidual;
    private readonly Sequential block;
    private readonly HardSqueezeExcite? se;
    private readonly Sequential project;

    public MobileNetV3Block(int inChannels, MobileNetV3.BlockSetting setting) : base(nameof(MobileNetV3Block))
    {
        useResidual = setting.Stride == 1 && inChannels == setting.OutChannels;
        var layers = new List<Module<Tensor, Tensor>>();
        if (setting.ExpandedChannels != inChannels)
        {
            layers.Add(MobileNetV3.ConvNormActivation(inChannels, setting.ExpandedChannels, 1, 1, 1, setting.Activation));
        }

        layers.Add(MobileNetV3.ConvNormActivation(
            setting.ExpandedChannels, setting.ExpandedChannels, setting.Kernel, setting.Stride, setting.ExpandedChannels, setting.Activation));
        block = Sequential(layers);
        if (setting.UseSqueezeExcite)
        {
            se = new HardSqueezeExcite(setting.ExpandedChannels, setting.ExpandedChannels / 4);
        }

        project = Sequential(Conv2d(setting.ExpandedChannels, setting.OutChannels, 1, bias: false), BatchNorm2d(setting.OutChannels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var output = block.forward(x);
        if (se is not null)
        {
            output = se.forward(output);
        }

        output = project.forward(output);
        return useResidual ? x + output : output;
    }
}

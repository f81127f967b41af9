using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>A ResNet basic block whose residual branch is recalibrated by squeeze-and-excitation before the sum.</summary>
public sealed class SeBasicBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly SqueezeExcitation se;
    private readonly Module<Tensor, Tensor> shortcut;

    public SeBasicBlock(int inChannels, int outChannels, int stride, int reduction) : base(nameof(SeBasicBlock))
    {
        conv1 = Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(outChannels);
        conv2 = Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(outChannels);
        se = new SqueezeExcitation(outChannels, reduction);
        shortcut = stride == 1 && inChannels == outChannels
            ? Identity()
            : Sequential(Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), BatchNorm2d(outChannels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var output = functional.relu(bn1.call(conv1.call(x)));
        output = se.call(bn2.call(conv2.call(output)));
        return functional.relu(output + shortcut.call(x));
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ghn.Sample.Models;

/// <summary>A ResNet basic block: two 3x3 convolutions with BatchNorm and a shortcut, projected when the shape changes.</summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? shortcut;

    public ResidualBlock(int inChannels, int outChannels, int stride) : base(nameof(ResidualBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            shortcut = nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels));
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var output = nn.functional.relu(bn1.forward(conv1.forward(x)));
        output = bn2.forward(conv2.forward(output));
        var identity = shortcut is null ? x : shortcut.forward(x);
        return nn.functional.relu(output + identity);
    }
}

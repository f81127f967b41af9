using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ghn.Sample.Models;

/// <summary>A small ResNet for 28x28 images: a 3x3 stem, three stages of residual blocks (32, 64, 128 channels), global average pooling.</summary>
[GhnInit]
public sealed partial class ResNetSmall : nn.Module<Tensor, Tensor>
{
    private static readonly int[] Widths = [32, 64, 128];

    private readonly Conv2d stem = nn.Conv2d(1, 32, 3, padding: 1, bias: false);
    private readonly BatchNorm2d bn = nn.BatchNorm2d(32);
    private readonly ModuleList<ResidualBlock> blocks = new();
    private readonly AdaptiveAvgPool2d pool = nn.AdaptiveAvgPool2d(1);
    private readonly Linear fc = nn.Linear(128, 10);

    public ResNetSmall() : base(nameof(ResNetSmall))
    {
        var channels = 32;
        for (var stage = 0; stage < Widths.Length; stage++)
        {
            blocks.Add(new ResidualBlock(channels, Widths[stage], stage == 0 ? 1 : 2));
            channels = Widths[stage];
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = nn.functional.relu(bn.forward(stem.forward(x)));
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        return fc.forward(pool.forward(x).flatten(1));
    }
}

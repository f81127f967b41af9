using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ghn.Sample.Models;

/// <summary>A two-hidden-layer perceptron with LayerNorm and GELU.</summary>
[GhnInit]
public sealed partial class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers = nn.Sequential(
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(28 * 28, 256)),
        ("norm1", nn.LayerNorm(256)),
        ("act1", nn.GELU()),
        ("fc2", nn.Linear(256, 128)),
        ("norm2", nn.LayerNorm(128)),
        ("act2", nn.GELU()),
        ("head", nn.Linear(128, 10)));

    public Mlp() : base(nameof(Mlp)) => RegisterComponents();

    public override Tensor forward(Tensor x) => layers.forward(x);
}

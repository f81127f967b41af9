using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>One ConvMixer layer: a residual depthwise convolution mixes space, a pointwise convolution mixes channels.</summary>
public sealed class MixerBlock : Module<Tensor, Tensor>
{
    private readonly Sequential depthwise;
    private readonly Sequential pointwise;

    public MixerBlock(int dim, int kernelSize) : base(nameof(MixerBlock))
    {
        depthwise = Sequential(Conv2d(dim, dim, kernelSize, Padding.Same, groups: dim), GELU(), BatchNorm2d(dim));
        pointwise = Sequential(Conv2d(dim, dim, 1), GELU(), BatchNorm2d(dim));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var mixed = torch.add(x, depthwise.forward(x));
        return pointwise.forward(mixed).MoveToOuterDisposeScope();
    }
}

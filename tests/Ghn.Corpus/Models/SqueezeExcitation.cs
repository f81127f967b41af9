using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>SENet's squeeze-and-excitation gate: global average, a two-layer bottleneck MLP, a sigmoid channel weighting.</summary>
public sealed class SqueezeExcitation : Module<Tensor, Tensor>
{
    private readonly int channels;
    private readonly Linear fc1;
    private readonly Linear fc2;

    public SqueezeExcitation(int channels, int reduction = 16) : base(nameof(SqueezeExcitation))
    {
        this.channels = channels;
        fc1 = Linear(channels, channels / reduction, hasBias: false);
        fc2 = Linear(channels / reduction, channels, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var squeezed = x.mean([2, 3]);
        var excitation = fc2.forward(fc1.forward(squeezed).relu()).sigmoid();
        return x * excitation.view(-1, channels, 1, 1);
    }
}

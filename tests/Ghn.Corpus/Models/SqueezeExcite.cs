using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>Port of <c>SqueezeExcite</c> in the parity fixtures' reference_models.py: a channel gate built from 1x1 convolutions.</summary>
public sealed class SqueezeExcite : Module<Tensor, Tensor>
{
    private readonly Conv2d reduce;
    private readonly Conv2d expand;

    public SqueezeExcite(int channels, int reduction) : base(nameof(SqueezeExcite))
    {
        reduce = Conv2d(channels, channels / reduction, 1);
        expand = Conv2d(channels / reduction, channels, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var w = functional.adaptive_avg_pool2d(x, 1);
        w = sigmoid(expand.forward(functional.relu(reduce.forward(w))));
        return x * w;
    }
}

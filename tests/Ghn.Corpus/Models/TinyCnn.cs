using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>Port of <c>TinyCnn</c> in the parity fixtures' reference_models.py: a plain Fashion-MNIST CNN.</summary>
[Ghn.GhnInit]
public sealed partial class TinyCnn : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> features;
    private readonly Module<Tensor, Tensor> fc;

    public TinyCnn() : base(nameof(TinyCnn))
    {
        features = Sequential(
            Conv2d(1, 16, 3, padding: 1), BatchNorm2d(16), ReLU(),
            Conv2d(16, 32, 3, padding: 1), BatchNorm2d(32), ReLU());
        fc = Linear(32, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = features.forward(x);
        x = functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return fc.forward(x);
    }
}

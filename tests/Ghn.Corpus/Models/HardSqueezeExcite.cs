using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>MobileNetV3's squeeze-and-excitation: 1x1 convolutions on the pooled features and a hard-sigmoid gate.</summary>
public sealed class HardSqueezeExcite : Module<Tensor, Tensor>
{
    private readonly Conv2d fc1;
    private readonly Conv2d fc2;

    public HardSqueezeExcite(int channels, int squeezeChannels) : base(nameof(HardSqueezeExcite))
    {
        fc1 = Conv2d(channels, squeezeChannels, 1);
        fc2 = Conv2d(squeezeChannels, channels, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var scale = functional.adaptive_avg_pool2d(x, 1);
        scale = functional.relu(fc1.forward(scale));
        scale = functional.hardsigmoid(fc2.forward(scale));
        return torch.mul(x, scale);
    }
}

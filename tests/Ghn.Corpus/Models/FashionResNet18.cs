using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// ResNet-18 adapted to Fashion-MNIST: torchvision's network built for one input channel and held as a
/// submodule, the way a user reuses a model class (parameters are named <c>resnet.layer1.0.conv1.weight</c>, ...).
/// </summary>
[Ghn.GhnInit]
public sealed partial class FashionResNet18 : Module<Tensor, Tensor>
{
    private readonly ResNet18 resnet;

    public FashionResNet18(int numClasses = 10) : base(nameof(FashionResNet18))
    {
        resnet = new ResNet18(numClasses, inChannels: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => resnet.forward(x);
}

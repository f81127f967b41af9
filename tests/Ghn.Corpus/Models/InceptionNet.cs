using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// An Inception-style network: one module of parallel branches kept in a <c>ModuleDict</c> and concatenated.
/// </summary>
[Ghn.GhnInit(24)]
public sealed partial class InceptionNet : Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly ModuleDict<Module<Tensor, Tensor>> branches;
    private readonly Linear fc;

    public InceptionNet(int width = 16, int numClasses = 10) : base(nameof(InceptionNet))
    {
        stem = Sequential(
            ("conv", Conv2d(1, width, 3, padding: 1, bias: false)),
            ("bn", BatchNorm2d(width)),
            ("relu", ReLU()),
            ("pool", MaxPool2d(2)));

        branches = ModuleDict<Module<Tensor, Tensor>>(
            ("branch1x1", Conv2d(width, width, 1)),
            ("branch3x3", Sequential(Conv2d(width, width / 2, 1), ReLU(), Conv2d(width / 2, width, 3, padding: 1))),
            ("branch5x5", Sequential(Conv2d(width, width / 2, 1), ReLU(), Conv2d(width / 2, width, 5, padding: 2))),
            ("branchPool", Sequential(MaxPool2d(3, stride: 1, padding: 1), Conv2d(width, width, 1))));

        fc = Linear(4 * width, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = stem.forward(x);
        var outputs = cat(
            [
                branches["branch1x1"].forward(x),
                branches["branch3x3"].forward(x),
                branches["branch5x5"].forward(x),
                branches["branchPool"].forward(x),
            ],
            dim: 1);
        x = functional.relu(outputs);
        x = functional.adaptive_avg_pool2d(x, 1);
        return fc.forward(x.flatten(1));
    }
}

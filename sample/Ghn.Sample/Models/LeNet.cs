using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ghn.Sample.Models;

/// <summary>LeNet-5 (LeCun et al., 1998) on 28x28 images: two tanh convolutions with average pooling, three linear layers.</summary>
[GhnInit]
public sealed partial class LeNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1 = nn.Conv2d(1, 6, 5, padding: 2);
    private readonly AvgPool2d pool = nn.AvgPool2d(2);
    private readonly Conv2d conv2 = nn.Conv2d(6, 16, 5);
    private readonly Linear fc1 = nn.Linear(16 * 5 * 5, 120);
    private readonly Linear fc2 = nn.Linear(120, 84);
    private readonly Linear fc3 = nn.Linear(84, 10);

    public LeNet() : base(nameof(LeNet)) => RegisterComponents();

    public override Tensor forward(Tensor x)
    {
        x = pool.forward(tanh(conv1.forward(x)));
        x = pool.forward(tanh(conv2.forward(x)));
        x = tanh(fc1.forward(x.flatten(1)));
        x = tanh(fc2.forward(x));
        return fc3.forward(x);
    }
}

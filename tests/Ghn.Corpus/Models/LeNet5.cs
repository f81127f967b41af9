using TorchSharp;
using TorchSharp.Modules;

namespace Ghn.Corpus.Models;

/// <summary>
/// LeNet-5 written with fully qualified TorchSharp calls: tanh activations, average pooling, a <c>view</c> to
/// flatten and <c>using var</c> for intermediate tensors.
/// </summary>
[Ghn.GhnInit]
public sealed partial class LeNet5 : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    private readonly Conv2d conv1;
    private readonly AvgPool2d pool;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    public LeNet5(int numClasses = 10) : base(nameof(LeNet5))
    {
        conv1 = torch.nn.Conv2d(1, 6, 5, padding: 2);
        pool = torch.nn.AvgPool2d(2);
        conv2 = torch.nn.Conv2d(6, 16, 5);
        fc1 = torch.nn.Linear(16 * 5 * 5, 120);
        fc2 = torch.nn.Linear(120, 84);
        fc3 = torch.nn.Linear(84, numClasses);
        RegisterComponents();
    }

    public override torch.Tensor forward(torch.Tensor input)
    {
        using var c1 = torch.tanh(conv1.forward(input));
        using var s2 = pool.forward(c1);
        using var c3 = torch.tanh(conv2.forward(s2));
        using var s4 = pool.forward(c3);
        using var flat = s4.view(-1, 16 * 5 * 5);
        using var f5 = torch.tanh(fc1.forward(flat));
        using var f6 = torch.tanh(fc2.forward(f5));
        return fc3.forward(f6);
    }
}

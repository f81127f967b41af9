using System.Diagnostics;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A CNN whose constructor initialises its weights the ways TorchVision's and TorchSharp's example models do: a
/// <c>named_modules()</c> loop with a type switch calling <c>nn.init</c>, <c>nn.init</c> on a layer's weight
/// directly, in-place changes under <c>no_grad()</c>, <c>apply</c> with a method, and console and debug output.
/// None of it changes the architecture.
/// </summary>
[Ghn.GhnInit]
public sealed partial class WeightInitCnn : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear head;

    public WeightInitCnn(int numClasses = 10, bool zeroInitHead = true) : base(nameof(WeightInitCnn))
    {
        features = Sequential(
            Conv2d(1, 16, kernel_size: 3, padding: 1, bias: false),
            BatchNorm2d(16),
            ReLU(inplace: true),
            MaxPool2d(2),
            Conv2d(16, 32, kernel_size: 3, padding: 1),
            BatchNorm2d(32),
            ReLU(inplace: true));
        head = Linear(32, numClasses);
        RegisterComponents();

        foreach (var (name, module) in named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    init.kaiming_normal_(conv.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
                    if (conv.bias is not null)
                    {
                        init.zeros_(conv.bias);
                    }

                    break;
                case BatchNorm2d norm:
                    init.constant_(norm.weight, 1);
                    init.constant_(norm.bias, 0);
                    break;
            }
        }

        init.normal_(head.weight, 0, 0.01);
        using (no_grad())
        {
            if (zeroInitHead)
            {
                head.bias!.zero_();
            }
        }

        apply(ScaleLinearWeights);
        Debug.Assert(head.weight is not null, "the head has a weight");
        Console.WriteLine($"{nameof(WeightInitCnn)}: {numClasses} classes");
    }

    private static void ScaleLinearWeights(Module module)
    {
        if (module is Linear linear)
        {
            using var noGrad = no_grad();
            linear.weight.mul_(0.5);
        }
    }

    public override Tensor forward(Tensor x) =>
        head.forward(functional.adaptive_avg_pool2d(features.forward(x), 1).flatten(1));
}

using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>Port of <c>ResidualBlockNet</c> in the parity fixtures' reference_models.py: one residual block written out by hand.</summary>
[Ghn.GhnInit]
public sealed partial class ResidualBlockNet : Module<Tensor, Tensor>
{
    private readonly Conv2d stem;
    private readonly BatchNorm2d bn0;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Linear fc;

    public ResidualBlockNet() : base(nameof(ResidualBlockNet))
    {
        stem = Conv2d(1, 16, 3, padding: 1, bias: false);
        bn0 = BatchNorm2d(16);
        conv1 = Conv2d(16, 16, 3, padding: 1, bias: false);
        bn1 = BatchNorm2d(16);
        conv2 = Conv2d(16, 16, 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(16);
        fc = Linear(16, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = functional.relu(bn0.forward(stem.forward(x)));
        var y = functional.relu(bn1.forward(conv1.forward(x)));
        y = bn2.forward(conv2.forward(y));
        x = functional.relu(x + y);
        x = functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return fc.forward(x);
    }
}

using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// Port of <c>MixedNet</c> in the parity fixtures' reference_models.py: depthwise and dilated convolutions,
/// both poolings, a concatenation, squeeze-and-excitation, LayerNorm and a two-layer head.
/// C# names follow C# conventions; <see cref="ComponentNameAttribute"/> keeps the reference's parameter names.
/// </summary>
[Ghn.GhnInit]
public sealed partial class MixedNet : Module<Tensor, Tensor>
{
    private readonly Conv2d stem;
    [ComponentName(Name = "stem_bn")]
    private readonly BatchNorm2d stemNorm;
    private readonly Conv2d dw;
    private readonly Conv2d pw;
    [ComponentName(Name = "pw_bn")]
    private readonly BatchNorm2d pwNorm;
    private readonly Conv2d dil;
    private readonly Conv2d branch;
    private readonly MaxPool2d pool;
    private readonly AvgPool2d avg;
    private readonly Conv2d wide;
    [ComponentName(Name = "wide_bn")]
    private readonly BatchNorm2d wideNorm;
    private readonly SqueezeExcite se;
    private readonly Linear head1;
    [ComponentName(Name = "head_ln")]
    private readonly LayerNorm headNorm;
    private readonly Linear head2;

    public MixedNet() : base(nameof(MixedNet))
    {
        stem = Conv2d(1, 24, 3, padding: 1, bias: false);
        stemNorm = BatchNorm2d(24);
        dw = Conv2d(24, 24, 3, padding: 1, groups: 24, bias: false);
        pw = Conv2d(24, 48, 1, bias: false);
        pwNorm = BatchNorm2d(48);
        dil = Conv2d(48, 48, 3, padding: 2, dilation: 2, groups: 48, bias: false);
        branch = Conv2d(48, 48, 5, padding: 2);
        pool = MaxPool2d(2);
        avg = AvgPool2d(3, stride: 1, padding: 1);
        wide = Conv2d(96, 160, 3, padding: 1, bias: false);
        wideNorm = BatchNorm2d(160);
        se = new SqueezeExcite(160, 8);
        head1 = Linear(160, 96);
        headNorm = LayerNorm(96);
        head2 = Linear(96, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = functional.relu(stemNorm.forward(stem.forward(x)));
        x = functional.relu(pwNorm.forward(pw.forward(dw.forward(x))));
        x = pool.forward(x);
        var a = dil.forward(x);
        var b = avg.forward(branch.forward(x));
        x = cat([a, b], dim: 1);
        x = functional.relu(wideNorm.forward(wide.forward(x)));
        x = se.forward(x);
        x = functional.adaptive_avg_pool2d(x, 1).flatten(1);
        x = functional.gelu(headNorm.forward(head1.forward(x)));
        return head2.forward(x);
    }
}

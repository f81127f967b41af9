using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// Patch tokens (sequence first, as TorchSharp's <c>MultiheadAttention</c> takes them) through two residual
/// <c>nn.MultiheadAttention</c> blocks, one with an additive attention mask registered as a buffer, then the mean
/// token into a linear head.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 1, 28, 28 })]
public sealed partial class AttentionClassifier : Module<Tensor, Tensor>
{
    private readonly Conv2d patches;
    private readonly MultiheadAttention attention1;
    private readonly LayerNorm norm1;
    private readonly MultiheadAttention attention2;
    private readonly LayerNorm norm2;
    private readonly Linear head;

    public AttentionClassifier(int width = 24, int heads = 4, int numClasses = 10) : base(nameof(AttentionClassifier))
    {
        patches = Conv2d(1, width, kernel_size: 7, stride: 7);
        attention1 = MultiheadAttention(width, heads);
        norm1 = LayerNorm(width);
        attention2 = MultiheadAttention(width, heads, bias: false);
        norm2 = LayerNorm(width);
        head = Linear(width, numClasses);
        register_buffer("mask", triu(ones(16, 16) * -1e4, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = patches.forward(x).flatten(2).permute(2, 0, 1);                 // [16, N, width]
        var (attended, _) = attention1.call(x, x, x, null, false, null);
        x = norm1.forward(x + attended);
        var (masked, _) = attention2.call(x, x, x, null, false, get_buffer("mask"));
        x = norm2.forward(x + masked);
        return head.forward(x.mean([0]));
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// Patch tokens (sequence first) through TorchSharp's native transformer modules, as its sequence-to-sequence
/// example uses them: a <c>TransformerEncoder</c> of two <c>TransformerEncoderLayer</c>s with a square mask, then a
/// single GELU layer, and the mean token into a linear head.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 1, 28, 28 })]
public sealed partial class TransformerEncoderClassifier : Module<Tensor, Tensor>
{
    private readonly Conv2d patches;
    private readonly TransformerEncoder encoder;
    private readonly TransformerEncoderLayer refine;
    private readonly Linear head;

    public TransformerEncoderClassifier(int width = 24, int heads = 4, int numClasses = 10) : base(nameof(TransformerEncoderClassifier))
    {
        patches = Conv2d(1, width, kernel_size: 7, stride: 7);
        var layer = TransformerEncoderLayer(width, heads, 2 * width, dropout: 0.0);
        encoder = TransformerEncoder(layer, 2);
        refine = TransformerEncoderLayer(width, heads, 3 * width, dropout: 0.0, activation: Activations.GELU);
        head = Linear(width, numClasses);
        register_buffer("mask", triu(ones(16, 16) * -1e4, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = patches.forward(x).flatten(2).permute(2, 0, 1);    // [16, N, width]
        x = encoder.call(x, get_buffer("mask")!);
        x = refine.call(x);
        return head.forward(x.mean([0]));
    }
}
